<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>ChatPage</name>
    <message>
        <location filename="../../simulator/ui/chat_page.py" line="82" />
        <source>结束会话</source>
        <translation>End session</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/chat_page.py" line="93" />
        <source>对方正在输入…</source>
        <translation>The buyer is typing…</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/chat_page.py" line="95" />
        <source>表情</source>
        <translation>Emoticons</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/chat_page.py" line="96" />
        <source>快捷短语</source>
        <translation>Quick replies</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/chat_page.py" line="102" />
        <source>输入回复,Enter 发送,Shift+Enter 换行</source>
        <translation>Type a reply; Enter sends, Shift+Enter starts a new line</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/chat_page.py" line="104" />
        <source>发送</source>
        <translation>Send</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/chat_page.py" line="144" />
        <source>接待策略</source>
        <translation>Strategy for this buyer</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/chat_page.py" line="148" />
        <source>耐心</source>
        <translation>Patience</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/chat_page.py" line="149" />
        <source>信任</source>
        <translation>Trust</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/chat_page.py" line="150" />
        <source>满意</source>
        <translation>Satisfaction</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/chat_page.py" line="151" />
        <source>购买意愿</source>
        <translation>Wish to buy</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/chat_page.py" line="252" />
        <source>编辑快捷短语…</source>
        <translation>Edit quick replies…</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/chat_page.py" line="300" />
        <source>最近的变化:</source>
        <translation>Latest changes:</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/chat_page.py" line="326" />
        <source>买家还在等回答:</source>
        <translation>Still waiting for an answer: </translation>
    </message>
    <message>
        <location filename="../../simulator/ui/chat_page.py" line="330" />
        <source>已付款</source>
        <translation>paid</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/chat_page.py" line="330" />
        <source>未付款</source>
        <translation>not paid</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/chat_page.py" line="332" />
        <source>订单</source>
        <translation>Order</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/chat_page.py" line="339" />
        <source>考核用时</source>
        <translation>Exam time</translation>
    </message>
    <message numerus="yes">
        <location filename="../../simulator/ui/chat_page.py" line="346" />
        <source>已等待 %n 秒</source>
        <translation><numerusform>Waiting %n s</numerusform><numerusform>Waiting %n s</numerusform></translation></message>
    <message>
        <location filename="../../simulator/ui/chat_page.py" line="350" />
        <source>库存</source>
        <translation>in stock</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/chat_page.py" line="353" />
        <source>颜色:</source>
        <translation>Colours: </translation>
    </message>
    <message>
        <location filename="../../simulator/ui/chat_page.py" line="355" />
        <source>尺码:</source>
        <translation>Sizes: </translation>
    </message>
    <message>
        <location filename="../../simulator/ui/chat_page.py" line="357" />
        <source>活动:</source>
        <translation>Promotion: </translation>
    </message>
</context>
<context>
    <name>HistoryPage</name>
    <message>
        <location filename="../../simulator/ui/history_page.py" line="117" />
        <source>最近7天</source>
        <translation>Last 7 days</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/history_page.py" line="117" />
        <source>最近30天</source>
        <translation>Last 30 days</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/history_page.py" line="118" />
        <source>练习</source>
        <translation>practice</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/history_page.py" line="118" />
        <source>考核</source>
        <translation>exam</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/history_page.py" line="121" />
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/history_page.py" line="131" />
        <source>导出 CSV…</source>
        <translation>Export CSV…</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/history_page.py" line="133" />
        <source>回放到第 </source>
        <translation>Replay up to message </translation>
    </message>
    <message>
        <location filename="../../simulator/ui/history_page.py" line="134" />
        <source> 句</source>
        <translation> </translation>
    </message>
    <message>
        <location filename="../../simulator/ui/history_page.py" line="135" />
        <source>从这里重试</source>
        <translation>Retry from here</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/history_page.py" line="136" />
        <source>导出报告…</source>
        <translation>Export report…</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/history_page.py" line="140" />
        <source>返回</source>
        <translation>Back</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/history_page.py" line="142" />
        <location filename="../../simulator/ui/history_page.py" line="226" />
        <source>买家</source>
        <translation>Buyer</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/history_page.py" line="142" />
        <source>场景</source>
        <translation>Scenario</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/history_page.py" line="143" />
        <source>模式</source>
        <translation>Mode</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/history_page.py" line="143" />
        <source>结果</source>
        <translation>Result</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/history_page.py" line="144" />
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/history_page.py" line="226" />
        <source>学员</source>
        <translation>Trainee</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/history_page.py" line="239" />
        <source>导出 CSV</source>
        <translation>Export CSV</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../simulator/ui/main_window.py" line="56" />
        <source>网店客服陪练</source>
        <translation>Online-shop customer-service trainer</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/main_window.py" line="86" />
        <source>记录</source>
        <translation>Records</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/main_window.py" line="87" />
        <source>历史会话</source>
        <translation>Past sessions</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/main_window.py" line="88" />
        <source>我的进步</source>
        <translation>My progress</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/main_window.py" line="89" />
        <source>设置</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/main_window.py" line="90" />
        <source>语言 Language</source>
        <translation>语言 Language</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/main_window.py" line="100" />
        <location filename="../../simulator/ui/main_window.py" line="104" />
        <source>语言</source>
        <translation>Language</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/main_window.py" line="100" />
        <source>请先结束当前会话再切换语言。</source>
        <translation>Please end the current session before switching the language.</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/main_window.py" line="104" />
        <source>找不到这种语言的翻译文件。</source>
        <translation>The translation file for this language is missing.</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/main_window.py" line="160" />
        <source>导出报告</source>
        <translation>Export report</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/main_window.py" line="179" />
        <source>上次的练习没有正常结束(%1,%2 句)。继续这次练习吗?选“否”则结束它并保留记录。</source>
        <translation>The last practice did not end properly (%1, %2 messages). Resume it? Choose No to close it and keep its record.</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/main_window.py" line="185" />
        <source>继续练习?</source>
        <translation>Resume the practice?</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/main_window.py" line="215" />
        <source>及格</source>
        <translation>Pass</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/main_window.py" line="215" />
        <source>不及格</source>
        <translation>Fail</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/main_window.py" line="218" />
        <source>成交</source>
        <translation>purchased</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/main_window.py" line="219" />
        <source>拍下未付</source>
        <translation>ordered, not paid</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/main_window.py" line="220" />
        <source>买家离开</source>
        <translation>the buyer left</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/main_window.py" line="221" />
        <source>投诉/差评</source>
        <translation>complaint / bad review</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/main_window.py" line="222" />
        <source>问题解决</source>
        <translation>resolved</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/main_window.py" line="223" />
        <source>未结束</source>
        <translation>not finished</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/main_window.py" line="225" />
        <source>满意度</source>
        <translation>satisfaction</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/main_window.py" line="232" />
        <source>对比</source>
        <translation>compared with</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/main_window.py" line="259" />
        <source>结束练习?</source>
        <translation>End the practice?</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/main_window.py" line="260" />
        <source>会话还没有结束,关闭窗口会放弃这次练习。确定关闭吗?</source>
        <translation>The session is not over. Closing the window discards it. Close anyway?</translation>
    </message>
</context>
<context>
    <name>ProgressPage</name>
    <message>
        <location filename="../../simulator/ui/progress_page.py" line="43" />
        <source>返回</source>
        <translation>Back</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/progress_page.py" line="60" />
        <source>最需要加强的技巧:</source>
        <translation>Techniques to work on:</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/progress_page.py" line="65" />
        <source>建议下一位买家:</source>
        <translation>Suggested next buyer: </translation>
    </message>
    <message>
        <location filename="../../simulator/ui/progress_page.py" line="66" />
        <source>完成几次练习后,这里会显示你的进步。</source>
        <translation>Your progress shows here after a few sessions.</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/progress_page.py" line="71" />
        <source>得分趋势</source>
        <translation>Score over time</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/progress_page.py" line="73" />
        <source>总分</source>
        <translation>Total</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/progress_page.py" line="80" />
        <source>第几次练习</source>
        <translation>Session</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/progress_page.py" line="91" />
        <source>技巧使用次数(按会话)</source>
        <translation>Techniques used (sessions)</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/progress_page.py" line="93" />
        <source>使用</source>
        <translation>Used</translation>
    </message>
</context>
<context>
    <name>QuickReplyEditor</name>
    <message>
        <location filename="../../simulator/ui/quick_replies.py" line="43" />
        <source>编辑快捷短语</source>
        <translation>Edit quick replies</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/quick_replies.py" line="47" />
        <source>新增</source>
        <translation>Add</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/quick_replies.py" line="48" />
        <source>删除</source>
        <translation>Remove</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/quick_replies.py" line="49" />
        <source>新的快捷短语</source>
        <translation>A new quick reply</translation>
    </message>
</context>
<context>
    <name>ReportPage</name>
    <message>
        <location filename="../../simulator/ui/report_page.py" line="32" />
        <source>再练一次</source>
        <translation>Try again</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/report_page.py" line="33" />
        <source>换一个买家</source>
        <translation>Another buyer</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/report_page.py" line="34" />
        <source>保存报告…</source>
        <translation>Save report…</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/report_page.py" line="67" />
        <source>保存报告</source>
        <translation>Save report</translation>
    </message>
</context>
<context>
    <name>SessionTableModel</name>
    <message>
        <location filename="../../simulator/ui/history_page.py" line="39" />
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/history_page.py" line="40" />
        <source>买家</source>
        <translation>Buyer</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/history_page.py" line="41" />
        <source>场景</source>
        <translation>Scenario</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/history_page.py" line="42" />
        <source>模式</source>
        <translation>Mode</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/history_page.py" line="43" />
        <source>结果</source>
        <translation>Result</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/history_page.py" line="44" />
        <source>得分</source>
        <translation>Score</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/history_page.py" line="83" />
        <source>考核</source>
        <translation>exam</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/history_page.py" line="83" />
        <source>练习</source>
        <translation>practice</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/history_page.py" line="85" />
        <source>未完成</source>
        <translation>not finished</translation>
    </message>
</context>
<context>
    <name>StartPage</name>
    <message>
        <location filename="../../simulator/ui/start_page.py" line="72" />
        <source>网店客服陪练 · 选择一位买家</source>
        <translation>Online-shop customer-service trainer · choose a buyer</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/start_page.py" line="80" />
        <source>练习模式(有提示)</source>
        <translation>Practice (with hints)</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/start_page.py" line="81" />
        <source>考核模式(固定题目,无提示,计时)</source>
        <translation>Exam (fixed buyer, no hints, timed)</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/start_page.py" line="88" />
        <source>开始接待</source>
        <translation>Start</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/start_page.py" line="93" />
        <source>场景</source>
        <translation>Scenario</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/start_page.py" line="97" />
        <source>评分细则(开始前可见,会话中不变)</source>
        <translation>Rubric (shown before, frozen during the session)</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/start_page.py" line="140" />
        <source>及格线 %1 分</source>
        <translation>Pass mark: %1 points</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/start_page.py" line="141" />
        <source>构成:</source>
        <translation>Made of: </translation>
    </message>
    <message>
        <location filename="../../simulator/ui/start_page.py" line="142" />
        <source>接待策略:</source>
        <translation>Strategy: </translation>
    </message>
    <message>
        <location filename="../../simulator/ui/start_page.py" line="143" />
        <source>要做到:</source>
        <translation>Do: </translation>
    </message>
    <message>
        <location filename="../../simulator/ui/start_page.py" line="146" />
        <source>要避免:</source>
        <translation>Avoid: </translation>
    </message>
    <message>
        <location filename="../../simulator/ui/start_page.py" line="147" />
        <source>接待流程:</source>
        <translation>Reception flow: </translation>
    </message>
    <message>
        <location filename="../../simulator/ui/start_page.py" line="148" />
        <source>红线:</source>
        <translation>Red lines: </translation>
    </message>
</context>
</TS>