"""The shop's information beside the chat, as a 千牛 agent has the product detail and the order open.

It is the shop's information, not a hint: it stays in exam mode. Each section can be folded away.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QToolButton, QVBoxLayout, QWidget

from simulator.domain.scenario import Scenario, Situation


class ShopFactsPanel(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("shopFacts")
        self.toggle = QToolButton()
        self.toggle.setObjectName("shopFactsToggle")
        self.toggle.setText(self.tr("店铺信息"))
        self.toggle.setCheckable(True)
        self.toggle.setChecked(True)
        self.toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toggle.setArrowType(Qt.ArrowType.DownArrow)
        self.body = QLabel()
        self.body.setObjectName("shopFactsBody")
        self.body.setWordWrap(True)
        self.body.setTextFormat(Qt.TextFormat.RichText)
        self.body.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.toggle)
        layout.addWidget(self.body)
        self.toggle.toggled.connect(self._fold)

    def _fold(self, shown: bool) -> None:
        self.body.setVisible(shown)
        self.toggle.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)

    def sections(self, scenario: Scenario, order_state: str = "") -> list[tuple[str, list[str]]]:
        """The sections a trainee needs to answer the buyer: price, sizes, stock, shipping, policy, order."""
        product, shipping, buyer = scenario.product, scenario.shipping, scenario.buyer
        price = [self.tr("页面价") + f" ¥{product.list_price:g}"]
        for promotion in scenario.promotions:
            ends = self.tr("(截止 %1)").replace("%1", promotion.ends) if promotion.ends else ""
            price.append(promotion.description + ends)
        sections = [(self.tr("价格与活动"), price)]
        if product.size_chart:
            height, weight = self.tr("身高"), self.tr("体重")  # outside the f-string: lupdate skips those
            sections.append(
                (
                    self.tr("尺码表"),
                    [
                        f"{row.size}:{height} {row.height_cm[0]:g}–{row.height_cm[1]:g} cm,"
                        f"{weight} {row.weight_kg[0]:g}–{row.weight_kg[1]:g} kg"
                        for row in product.size_chart
                    ],
                )
            )
        elif product.sizes:
            sections.append((self.tr("尺码"), [" / ".join(product.sizes)]))
        stock = [self.tr("共 %1 件").replace("%1", str(product.stock))]
        if product.colours:
            stock.append(self.tr("颜色:") + " / ".join(product.colours))
        stock += [
            self.tr("%1 仅剩 %2 件").replace("%1", name).replace("%2", str(count))
            for name, count in product.low_stock.items()
        ]
        sections.append((self.tr("库存"), stock))
        first = self.tr("首重 %1 kg ¥%2,续重每 kg ¥%3")
        delivery = [
            first.replace("%1", f"{shipping.first_kg:g}")
            .replace("%2", f"{shipping.first_fee:g}")
            .replace("%3", f"{shipping.extra_kg_fee:g}")
        ]
        for region, fee in shipping.regions.items():
            delivery.append(
                f"{region}:"
                + self.tr("首重 ¥%1,续重每 kg ¥%2")
                .replace("%1", f"{fee.first_fee:g}")
                .replace("%2", f"{fee.extra_kg_fee:g}")
            )
        if shipping.free_shipping_threshold is not None:
            delivery.append(self.tr("满 %1 元包邮").replace("%1", f"{shipping.free_shipping_threshold:g}"))
        delivery += [text for text in (shipping.carrier, shipping.dispatch, shipping.cutoff) if text]
        delivery.append(
            self.tr("商品重量 %1 kg · 买家在%2")
            .replace("%1", f"{product.weight_kg:g}")
            .replace("%2", buyer.region)
        )
        sections.append((self.tr("物流"), delivery))
        sections.append((self.tr("售后政策"), [scenario.after_sale_policy]))
        order = []
        if scenario.situation is not Situation.PRESALE and buyer.order_total is not None:
            paid = (
                self.tr("已付款") if scenario.situation is Situation.AFTERSALE else self.tr("已拍下,未付款")
            )
            order.append(
                self.tr("订单金额 ¥%1 · %2 · 数量 %3")
                .replace("%1", f"{buyer.order_total:g}")
                .replace("%2", paid)
                .replace("%3", str(buyer.quantity))
            )
        if order_state:
            order.append(order_state)
        if order:
            sections.append((self.tr("订单"), order))
        return sections

    def show_scenario(self, scenario: Scenario, order_state: str = "") -> None:
        html = "".join(
            f"<p style='margin:2px 0'><b>{escape(title)}</b><br>"
            + "<br>".join(escape(line) for line in lines)
            + "</p>"
            for title, lines in self.sections(scenario, order_state)
        )
        self.body.setText(html)

    def text(self) -> str:
        return self.body.text()
