"""识别工作台: teach the detector by example, inside the studio (issue 14, point 5)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QProgressDialog,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from simulator.content.yaml_source import ContentError
from simulator.detection.detector import TechniqueDetector
from simulator.detection.evaluation import LabelledLine, read_corpus
from simulator.locations import content_root
from simulator.services.library import ContentLibrary
from simulator.services.studio import save_text
from simulator.services.workbench import (
    CorpusEffect,
    catalogue_with,
    corpus_effect,
    explain,
    with_class_word,
    with_example,
)


class DetectorWorkbench(QWidget):
    """Teach the detector by example: a line's techniques with their evidence; add it as an example or
    counter-example, or a word to a word class, and see the change on the labelled corpus first."""

    def __init__(
        self,
        library: ContentLibrary,
        detector: TechniqueDetector,
        catalogue_path: Path,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.library, self.detector, self.catalogue_path = library, detector, catalogue_path
        self.pending: tuple[Path, str] | None = None  # the file and its edited text, not yet saved
        self.line_input = QLineEdit()
        self.line_input.setPlaceholderText(self.tr("输入一句客服的话,看识别出什么、为什么"))
        self.explain_button = QPushButton(self.tr("识别"))
        self.found = QListWidget()
        self.found.setWordWrap(True)  # a rule's class words can be long: keep each row whole
        self.technique_box = QComboBox()
        for technique in library.catalogue.techniques:
            self.technique_box.addItem(f"{technique.name_zh} ({technique.id})", technique.id)
        self.example_button = QPushButton(self.tr("加为例句"))
        self.counter_button = QPushButton(self.tr("加为反例"))
        self.class_box = QComboBox()
        for word_class in library.catalogue.lexicon.classes:
            self.class_box.addItem(f"{word_class.label_zh} ({word_class.name})", word_class.name)
        self.word_input = QLineEdit()
        self.word_input.setPlaceholderText(self.tr("新词"))
        self.word_button = QPushButton(self.tr("加入词类"))
        self.effect = QTextBrowser()
        self.save_button = QPushButton(self.tr("保存修改"))
        self.save_button.setEnabled(False)
        row = QHBoxLayout()
        row.addWidget(self.line_input, 1)
        row.addWidget(self.explain_button)
        example_row = QHBoxLayout()
        example_row.addWidget(self.technique_box, 1)
        example_row.addWidget(self.example_button)
        example_row.addWidget(self.counter_button)
        word_row = QHBoxLayout()
        word_row.addWidget(self.class_box, 1)
        word_row.addWidget(self.word_input)
        word_row.addWidget(self.word_button)
        column = QVBoxLayout(self)
        column.addLayout(row)
        column.addWidget(self.found, 1)
        column.addLayout(example_row)
        column.addLayout(word_row)
        column.addWidget(QLabel(self.tr("修改对已标注语料的影响(规则;评分模型由 make 重新训练):")))
        column.addWidget(self.effect, 1)
        column.addWidget(self.save_button)
        self.explain_button.clicked.connect(lambda: self.explain())
        self.line_input.returnPressed.connect(lambda: self.explain())
        self.example_button.clicked.connect(lambda: self.add_example(counter=False))
        self.counter_button.clicked.connect(lambda: self.add_example(counter=True))
        self.word_button.clicked.connect(lambda: self.add_word())
        self.save_button.clicked.connect(lambda: self.save())

    def explain(self, text: str | None = None) -> list[str]:
        text = self.line_input.text() if text is None else text
        rows = explain(self.detector, text) if text.strip() else []
        self.found.clear()
        self.found.addItems(rows or [self.tr("没有识别出技巧")])
        return rows

    def add_example(
        self, counter: bool, technique_id: str | None = None, text: str | None = None
    ) -> CorpusEffect | None:
        text = self.line_input.text() if text is None else text
        technique_id = technique_id or self.technique_box.currentData()
        if not text.strip() or not technique_id:
            return None
        path = self.catalogue_path
        return self._try(path, lambda: with_example(path, technique_id, text.strip(), counter))

    def add_word(self, class_name: str | None = None, word: str | None = None) -> CorpusEffect | None:
        word = self.word_input.text().strip() if word is None else word
        class_name = class_name or self.class_box.currentData()
        if not word or not class_name:
            return None
        path = self.catalogue_path.parent / "lexicons.yaml"
        return self._try(path, lambda: with_class_word(path, class_name, word))

    def _try(self, path: Path, edit: Callable[[], str]) -> CorpusEffect | None:
        try:
            text = edit()
            after = catalogue_with(path.parent, {path.name: text})
        except (LookupError, ValueError, ContentError) as error:
            self.effect.setPlainText(self.tr("不能这样改:") + str(error))
            self.pending = None
            self.save_button.setEnabled(False)
            return None
        corpus = _labelled_corpus()
        if not corpus:
            self.effect.setPlainText(self.tr("找不到已标注语料,无法检查影响;可以保存。"))
            self.pending = (path, text)
            self.save_button.setEnabled(True)
            return CorpusEffect((), ())
        dialog = QProgressDialog(self.tr("正在用已标注语料检查…"), "", 0, len(corpus), self)
        dialog.setCancelButton(None)
        dialog.setMinimumDuration(300)

        def progress(done: int, total: int) -> None:
            dialog.setValue(done)
            QApplication.processEvents()

        effect = corpus_effect(self.library.catalogue, after, corpus, progress)
        dialog.close()
        lines = [str(effect)]
        lines += [self.tr("改对:") + line.text for line in effect.fixed[:20]]
        lines += [self.tr("改错:") + line.text for line in effect.broken[:20]]
        self.effect.setPlainText("\n".join(lines))
        self.pending = (path, text)
        self.save_button.setEnabled(True)
        return effect

    def save(self) -> Path | None:
        """Write the edited catalogue file (the previous version kept as .bak); the detector and the
        scorer pick it up at the next start (make retrains the scorer)."""
        if self.pending is None:
            return None
        path, text = self.pending
        save_text(path, text)
        self.pending = None
        self.save_button.setEnabled(False)
        self.effect.append(self.tr("已保存:") + str(path))
        return path


def _labelled_corpus() -> list[LabelledLine]:
    data = content_root() / "benchmarks" / "data"
    files = [data / "realistic_lines.jsonl", data / "style_corpus" / "lines.jsonl"]
    return [line for path in files if path.exists() for line in read_corpus(path)]
