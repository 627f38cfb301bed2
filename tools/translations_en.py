"""English for the interface strings: fills assets/i18n/simulator_en.ts after `pyside6-lupdate`.

    .venv/bin/pyside6-lupdate simulator/ui/*.py -ts assets/i18n/simulator_en.ts \\
        -source-language zh_CN -target-language en
    .venv/bin/python tools/translations_en.py
Course content (personas, rubrics, reasons) stays Chinese: it is the course's own wording.
"""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ElementTree
from pathlib import Path

TS = Path(__file__).resolve().parent.parent / "assets" / "i18n" / "simulator_en.ts"

ENGLISH = {
    "结束会话?": "End the session?",
    "买家还在等你的回复。现在结束,会按已有的对话评分。确定结束吗?": "The buyer is still waiting for your reply. Ending now scores the conversation so far. End it?",
    "超过的部分不会发送": "The part over the limit will not be sent",
    "一条消息最多这么多字": "The most characters one message may have",
    "有 %1 个内容文件没有加载(请运行 python main.py lint 查看):": "%1 content file(s) were not loaded (run python main.py lint to see why):",
    "可在:": "Met in: ",
    "报告没能保存:": "The report could not be saved: ",
    "店铺信息": "Shop information",
    "页面价": "Page price",
    "(截止 %1)": " (until %1)",
    "价格与活动": "Price and promotions",
    "尺码表": "Size chart",
    "尺码": "Sizes",
    "共 %1 件": "%1 in stock",
    "%1 仅剩 %2 件": "%1: only %2 left",
    "首重 %1 kg ¥%2,续重每 kg ¥%3": "First %1 kg ¥%2, each further kg ¥%3",
    "首重 ¥%1,续重每 kg ¥%2": "first kg ¥%1, each further kg ¥%2",
    "满 %1 元包邮": "Free shipping from ¥%1",
    "商品重量 %1 kg · 买家在%2": "Parcel %1 kg · buyer in %2",
    "物流": "Shipping",
    "售后政策": "After-sale policy",
    "已拍下,未付款": "ordered, not paid",
    "订单金额 ¥%1 · %2 · 数量 %3": "Order ¥%1 · %2 · quantity %3",
    "买家的事:": "The buyer's case: ",
    "结束会话": "End session",
    "对方正在输入…": "The buyer is typing…",
    "表情": "Emoticons",
    "快捷短语": "Quick replies",
    "输入回复,Enter 发送,Shift+Enter 换行": "Type a reply; Enter sends, Shift+Enter starts a new line",
    "发送": "Send",
    "接待策略": "Strategy for this buyer",
    "耐心": "Patience",
    "信任": "Trust",
    "满意": "Satisfaction",
    "购买意愿": "Wish to buy",
    "最近的变化:": "Latest changes:",
    "已付款": "paid",
    "未付款": "not paid",
    "订单": "Order",
    "已等待 %n 秒": "Waiting %n s",
    "颜色:": "Colours: ",
    "尺码:": "Sizes: ",
    "活动:": "Promotion: ",
    "库存": "in stock",
    "网店客服陪练": "Online-shop customer-service trainer",
    "设置": "Settings",
    "语言 Language": "语言 Language",
    "语言": "Language",
    "请先结束当前会话再切换语言。": "Please end the current session before switching the language.",
    "找不到这种语言的翻译文件。": "The translation file for this language is missing.",
    "及格": "Pass",
    "不及格": "Fail",
    "成交": "purchased",
    "拍下未付": "ordered, not paid",
    "买家离开": "the buyer left",
    "投诉/差评": "complaint / bad review",
    "问题解决": "resolved",
    "买家还在等回答:": "Still waiting for an answer: ",
    "未结束": "not finished",
    "满意度": "satisfaction",
    "结束练习?": "End the practice?",
    "会话还没有结束,关闭窗口会放弃这次练习。确定关闭吗?": "The session is not over. Closing the window discards it. Close anyway?",
    "再练一次": "Try again",
    "换一个买家": "Another buyer",
    "保存报告…": "Save report…",
    "保存报告": "Save report",
    "网店客服陪练 · 选择一位买家": "Online-shop customer-service trainer · choose a buyer",
    "练习模式(有提示)": "Practice (with hints)",
    "考核模式(固定题目,无提示,计时)": "Exam (fixed buyer, no hints, timed)",
    "开始接待": "Start",
    "场景": "Scenario",
    "评分细则(开始前可见,会话中不变)": "Rubric (shown before, frozen during the session)",
    "及格线 %1 分": "Pass mark: %1 points",
    "构成:": "Made of: ",
    "接待策略:": "Strategy: ",
    "要做到:": "Do: ",
    "要避免:": "Avoid: ",
    "接待流程:": "Reception flow: ",
    "红线:": "Red lines: ",
    "编辑快捷短语": "Edit quick replies",
    "编辑快捷短语…": "Edit quick replies…",
    "新增": "Add",
    "删除": "Remove",
    "新的快捷短语": "A new quick reply",
    "考核用时": "Exam time",
    "继续练习?": "Resume the practice?",
    "练习": "practice",
    "考核": "exam",
    "全部": "All",
    "导出 CSV…": "Export CSV…",
    "导出 CSV": "Export CSV",
    "返回": "Back",
    "买家": "Buyer",
    "模式": "Mode",
    "结果": "Result",
    "学员": "Trainee",
    "记录": "Records",
    "历史会话": "Past sessions",
    "时间": "Time",
    "得分": "Score",
    "未完成": "not finished",
    "我的进步": "My progress",
    "最需要加强的技巧:": "Techniques to work on:",
    "建议下一位买家:": "Suggested next buyer: ",
    "完成几次练习后,这里会显示你的进步。": "Your progress shows here after a few sessions.",
    "得分趋势": "Score over time",
    "总分": "Total",
    "第几次练习": "Session",
    "技巧使用次数(按会话)": "Techniques used (sessions)",
    "使用": "Used",
    "回放到第 ": "Replay up to message ",
    " 句": " ",
    "从这里重试": "Retry from here",
    "导出报告…": "Export report…",
    "导出报告": "Export report",
    "对比": "compared with",
    "最近7天": "Last 7 days",
    "最近30天": "Last 30 days",
    "上次的练习没有正常结束(%1,%2 句)。继续这次练习吗?选“否”则结束它并保留记录。": "The last practice did not end properly (%1, %2 messages). Resume it? Choose No to close it and keep its record.",
    "成绩": "Score",
    "输入一句客服的话,看识别出什么、为什么": "Type an agent's line to see what is found in it, and why",
    "识别": "Detect",
    "加为例句": "Add as example",
    "加为反例": "Add as counter-example",
    "新词": "New word",
    "加入词类": "Add to word class",
    "保存修改": "Save the change",
    "修改对已标注语料的影响(规则;评分模型由 make 重新训练):": "What the change does on the labelled corpus (rules; make retrains the scorer):",
    "没有识别出技巧": "No technique found",
    "不能这样改:": "This change cannot be made: ",
    "找不到已标注语料,无法检查影响;可以保存。": "No labelled corpus found, so the effect cannot be checked; it can be saved.",
    "正在用已标注语料检查…": "Checking against the labelled corpus…",
    "改对:": "Now right: ",
    "改错:": "Now wrong: ",
    "已保存:": "Saved: ",
    "显示比例 %1%": "Scale %1%",
    "工作室": "Studio",
    "编辑与试玩买家": "Edit and playtest buyers",
    "演示模式": "Presenter mode",
    "全屏 (F11)": "Full screen (F11)",
    "放大 (Ctrl+)": "Larger (Ctrl+)",
    "缩小 (Ctrl−)": "Smaller (Ctrl−)",
    "原始大小 (Ctrl+0)": "Actual size (Ctrl+0)",
    "高对比度": "High contrast",
    "保存": "Save",
    "撤销": "Undo",
    "导出包…": "Export pack…",
    "导入包…": "Import pack…",
    "粗框:初始状态 · 灰底:结束状态 · 黄底:试玩中的当前状态 · 红框:到不了的状态 · 橙色虚框:走不出去的状态": "Bold: initial state · grey: end state · yellow: the playtest's state · red: unreachable · dashed orange: no way out",
    "重新开始": "Restart",
    "存为测试": "Save as test",
    "运行测试": "Run tests",
    "测试覆盖": "Test coverage",
    "以客服身份输入,回车发送": "Type as the agent; Enter sends",
    "状态图": "State diagram",
    "试玩": "Playtest",
    "识别工作台": "Detector workbench",
    "第 %1 行:": "Line %1: ",
    "✓ 没有问题": "✓ No problems",
    "%1 处问题,修好后才能保存": "%1 problem(s): fix them to save",
    "导出买家包": "Export buyer pack",
    "已导出:": "Exported: ",
    "导入买家包": "Import buyer pack",
    "包里的文件和现有的完全一样": "The pack's files are the same as the ones here",
    "不能导入": "Cannot import",
    "检查通过(%1 个测试全部通过)。将要:": "Checked (all %1 tests pass). It will:",
    "已导入:": "Imported: ",
    "识别到:": "Found: ",
    "已存为测试:": "Saved as a test: ",
    "%1 个通过,%2 个失败": "%1 passed, %2 failed",
    "这个买家还没有测试": "This buyer has no tests yet",
    "测试覆盖:反应 %1/%2,状态转换 %3/%4": "Test coverage: reactions %1/%2, transitions %3/%4",
    "没有测试走过:第 %1 行 %2 → %3": "No test takes: line %1, %2 → %3",
    "没有测试触发:第 %1 行 %2 的反应": "No test sets off: line %1, the %2 reaction",
    "对话与全文": "Conversation and full report",
    "%1 处内容问题(出问题的文件已跳过,其余照常可用;python main.py lint 可查看全部):": "%1 content problem(s) (the files in question were skipped, the rest works; python main.py lint lists them all):",
    "…… 另有 %1 处": "… and %1 more",
    "会话记录只能查看,新的练习不会保存": "Session records can be read only; new practice sessions will not be saved",
    "会话记录无法保存,本次运行的练习只保存在内存里": "Session records cannot be saved; this run's sessions are kept in memory only",
    "会话记录文件有损坏,新的练习可能无法保存;重新启动软件时可以新建记录文件": "The session record file is damaged and new sessions may not be saved; restart the app to start a fresh file",
    "这次练习已在另一个窗口中继续": "This session was resumed in another window",
    "无法移开损坏的文件": "The damaged file could not be moved aside",
    "已新建记录文件,损坏的旧文件保留为 %1": "A fresh record file was started; the damaged one is kept as %1",
    "会话记录文件已损坏,无法打开:\n%1\n(%2)\n\n新建一个空的记录文件吗?旧文件会改名保留在同一文件夹里。": "The session record file is damaged and cannot be opened:\n%1\n(%2)\n\nStart a fresh, empty file? The old one is kept, renamed, in the same folder.",
    "记录文件损坏": "Damaged record file",
}


def main() -> int:
    tree = ElementTree.parse(TS)
    missing = []
    for message in tree.iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        if translation is None:
            continue
        english = ENGLISH.get(source)
        if english is None:
            missing.append(source)
            continue
        if message.get("numerus") == "yes":
            translation.clear()
            for _ in range(2):  # English has a singular and a plural form
                ElementTree.SubElement(translation, "numerusform").text = english
        else:
            translation.text = english
        translation.attrib.pop("type", None)
    tree.write(TS, encoding="utf-8", xml_declaration=True)
    for source in missing:
        print(f"no English for: {source}", file=sys.stderr)
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
