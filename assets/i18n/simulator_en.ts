<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>ChatPage</name>
    <message>
        <location filename="../../simulator/ui/chat_page.py" line="86" />
        <source>结束会话</source>
        <translation>End session</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/chat_page.py" line="97" />
        <source>对方正在输入…</source>
        <translation>The buyer is typing…</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/chat_page.py" line="99" />
        <source>表情</source>
        <translation>Emoticons</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/chat_page.py" line="100" />
        <source>快捷短语</source>
        <translation>Quick replies</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/chat_page.py" line="106" />
        <source>输入回复,Enter 发送,Shift+Enter 换行</source>
        <translation>Type a reply; Enter sends, Shift+Enter starts a new line</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/chat_page.py" line="108" />
        <source>发送</source>
        <translation>Send</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/chat_page.py" line="155" />
        <source>接待策略</source>
        <translation>Strategy for this buyer</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/chat_page.py" line="159" />
        <source>耐心</source>
        <translation>Patience</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/chat_page.py" line="160" />
        <source>信任</source>
        <translation>Trust</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/chat_page.py" line="161" />
        <source>满意</source>
        <translation>Satisfaction</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/chat_page.py" line="162" />
        <source>购买意愿</source>
        <translation>Wish to buy</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/chat_page.py" line="274" />
        <source>结束会话?</source>
        <translation>End the session?</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/chat_page.py" line="275" />
        <source>买家还在等你的回复。现在结束,会按已有的对话评分。确定结束吗?</source>
        <translation>The buyer is still waiting for your reply. Ending now scores the conversation so far. End it?</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/chat_page.py" line="290" />
        <source>超过的部分不会发送</source>
        <translation>The part over the limit will not be sent</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/chat_page.py" line="290" />
        <source>一条消息最多这么多字</source>
        <translation>The most characters one message may have</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/chat_page.py" line="316" />
        <source>编辑快捷短语…</source>
        <translation>Edit quick replies…</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/chat_page.py" line="365" />
        <source>最近的变化:</source>
        <translation>Latest changes:</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/chat_page.py" line="398" />
        <source>买家还在等回答:</source>
        <translation>Still waiting for an answer: </translation>
    </message>
    <message>
        <location filename="../../simulator/ui/chat_page.py" line="402" />
        <source>已付款</source>
        <translation>paid</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/chat_page.py" line="402" />
        <source>未付款</source>
        <translation>not paid</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/chat_page.py" line="404" />
        <source>订单</source>
        <translation>Order</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/chat_page.py" line="411" />
        <source>考核用时</source>
        <translation>Exam time</translation>
    </message>
    <message numerus="yes">
        <location filename="../../simulator/ui/chat_page.py" line="418" />
        <source>已等待 %n 秒</source>
        <translation><numerusform>Waiting %n s</numerusform><numerusform>Waiting %n s</numerusform></translation></message>
    <message>
        <source>库存</source>
        <translation>in stock</translation>
    </message>
    <message>
        <source>颜色:</source>
        <translation>Colours: </translation>
    </message>
    <message>
        <source>尺码:</source>
        <translation>Sizes: </translation>
    </message>
    <message>
        <source>活动:</source>
        <translation>Promotion: </translation>
    </message>
</context>
<context>
    <name>DetectorWorkbench</name>
    <message>
        <location filename="../../simulator/ui/detector_workbench.py" line="53" />
        <source>输入一句客服的话,看识别出什么、为什么</source>
        <translation>Type an agent's line to see what is found in it, and why</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/detector_workbench.py" line="54" />
        <source>识别</source>
        <translation>Detect</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/detector_workbench.py" line="59" />
        <source>加为例句</source>
        <translation>Add as example</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/detector_workbench.py" line="60" />
        <source>加为反例</source>
        <translation>Add as counter-example</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/detector_workbench.py" line="65" />
        <source>新词</source>
        <translation>New word</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/detector_workbench.py" line="66" />
        <source>加入词类</source>
        <translation>Add to word class</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/detector_workbench.py" line="68" />
        <source>保存修改</source>
        <translation>Save the change</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/detector_workbench.py" line="86" />
        <source>修改对已标注语料的影响(规则;评分模型由 make 重新训练):</source>
        <translation>What the change does on the labelled corpus (rules; make retrains the scorer):</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/detector_workbench.py" line="100" />
        <source>没有识别出技巧</source>
        <translation>No technique found</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/detector_workbench.py" line="126" />
        <source>不能这样改:</source>
        <translation>This change cannot be made: </translation>
    </message>
    <message>
        <location filename="../../simulator/ui/detector_workbench.py" line="132" />
        <source>找不到已标注语料,无法检查影响;可以保存。</source>
        <translation>No labelled corpus found, so the effect cannot be checked; it can be saved.</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/detector_workbench.py" line="136" />
        <source>正在用已标注语料检查…</source>
        <translation>Checking against the labelled corpus…</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/detector_workbench.py" line="147" />
        <source>改对:</source>
        <translation>Now right: </translation>
    </message>
    <message>
        <location filename="../../simulator/ui/detector_workbench.py" line="148" />
        <source>改错:</source>
        <translation>Now wrong: </translation>
    </message>
    <message>
        <location filename="../../simulator/ui/detector_workbench.py" line="163" />
        <source>已保存:</source>
        <translation>Saved: </translation>
    </message>
</context>
<context>
    <name>HistoryPage</name>
    <message>
        <location filename="../../simulator/ui/history_page.py" line="120" />
        <source>最近7天</source>
        <translation>Last 7 days</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/history_page.py" line="120" />
        <source>最近30天</source>
        <translation>Last 30 days</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/history_page.py" line="121" />
        <source>练习</source>
        <translation>practice</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/history_page.py" line="121" />
        <source>考核</source>
        <translation>exam</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/history_page.py" line="124" />
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/history_page.py" line="134" />
        <source>导出 CSV…</source>
        <translation>Export CSV…</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/history_page.py" line="136" />
        <source>回放到第 </source>
        <translation>Replay up to message </translation>
    </message>
    <message>
        <location filename="../../simulator/ui/history_page.py" line="137" />
        <source> 句</source>
        <translation> </translation>
    </message>
    <message>
        <location filename="../../simulator/ui/history_page.py" line="138" />
        <source>从这里重试</source>
        <translation>Retry from here</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/history_page.py" line="139" />
        <source>导出报告…</source>
        <translation>Export report…</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/history_page.py" line="143" />
        <source>返回</source>
        <translation>Back</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/history_page.py" line="145" />
        <location filename="../../simulator/ui/history_page.py" line="241" />
        <source>买家</source>
        <translation>Buyer</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/history_page.py" line="145" />
        <source>场景</source>
        <translation>Scenario</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/history_page.py" line="146" />
        <source>模式</source>
        <translation>Mode</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/history_page.py" line="146" />
        <source>结果</source>
        <translation>Result</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/history_page.py" line="147" />
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/history_page.py" line="241" />
        <source>学员</source>
        <translation>Trainee</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/history_page.py" line="254" />
        <source>导出 CSV</source>
        <translation>Export CSV</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../simulator/ui/main_window.py" line="113" />
        <source>显示比例 %1%</source>
        <translation>Scale %1%</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/main_window.py" line="125" />
        <source>会话记录文件有损坏,新的练习可能无法保存;重新启动软件时可以新建记录文件</source>
        <translation>The session record file is damaged and new sessions may not be saved; restart the app to start a fresh file</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/main_window.py" line="138" />
        <source>会话记录只能查看,新的练习不会保存</source>
        <translation>Session records can be read only; new practice sessions will not be saved</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/main_window.py" line="140" />
        <source>会话记录无法保存,本次运行的练习只保存在内存里</source>
        <translation>Session records cannot be saved; this run's sessions are kept in memory only</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/main_window.py" line="156" />
        <source>有 %1 个内容文件没有加载(请运行 python main.py lint 查看):</source>
        <translation>%1 content file(s) were not loaded (run python main.py lint to see why):</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/main_window.py" line="164" />
        <source>网店客服陪练</source>
        <translation>Online-shop customer-service trainer</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/main_window.py" line="200" />
        <source>工作室</source>
        <translation>Studio</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/main_window.py" line="201" />
        <source>编辑与试玩买家</source>
        <translation>Edit and playtest buyers</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/main_window.py" line="203" />
        <source>记录</source>
        <translation>Records</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/main_window.py" line="204" />
        <source>历史会话</source>
        <translation>Past sessions</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/main_window.py" line="205" />
        <source>我的进步</source>
        <translation>My progress</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/main_window.py" line="206" />
        <source>设置</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/main_window.py" line="207" />
        <source>演示模式</source>
        <translation>Presenter mode</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/main_window.py" line="208" />
        <source>全屏 (F11)</source>
        <translation>Full screen (F11)</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/main_window.py" line="209" />
        <source>放大 (Ctrl+)</source>
        <translation>Larger (Ctrl+)</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/main_window.py" line="210" />
        <source>缩小 (Ctrl−)</source>
        <translation>Smaller (Ctrl−)</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/main_window.py" line="211" />
        <source>原始大小 (Ctrl+0)</source>
        <translation>Actual size (Ctrl+0)</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/main_window.py" line="212" />
        <source>高对比度</source>
        <translation>High contrast</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/main_window.py" line="216" />
        <source>语言 Language</source>
        <translation>语言 Language</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/main_window.py" line="245" />
        <location filename="../../simulator/ui/main_window.py" line="249" />
        <source>语言</source>
        <translation>Language</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/main_window.py" line="245" />
        <source>请先结束当前会话再切换语言。</source>
        <translation>Please end the current session before switching the language.</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/main_window.py" line="249" />
        <source>找不到这种语言的翻译文件。</source>
        <translation>The translation file for this language is missing.</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/main_window.py" line="361" />
        <source>导出报告</source>
        <translation>Export report</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/main_window.py" line="382" />
        <source>上次的练习没有正常结束(%1,%2 句)。继续这次练习吗?选“否”则结束它并保留记录。</source>
        <translation>The last practice did not end properly (%1, %2 messages). Resume it? Choose No to close it and keep its record.</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/main_window.py" line="390" />
        <source>继续练习?</source>
        <translation>Resume the practice?</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/main_window.py" line="401" />
        <source>这次练习已在另一个窗口中继续</source>
        <translation>This session was resumed in another window</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/main_window.py" line="420" />
        <source>及格</source>
        <translation>Pass</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/main_window.py" line="420" />
        <source>不及格</source>
        <translation>Fail</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/main_window.py" line="423" />
        <source>成交</source>
        <translation>purchased</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/main_window.py" line="424" />
        <source>拍下未付</source>
        <translation>ordered, not paid</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/main_window.py" line="425" />
        <source>买家离开</source>
        <translation>the buyer left</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/main_window.py" line="426" />
        <source>投诉/差评</source>
        <translation>complaint / bad review</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/main_window.py" line="427" />
        <source>问题解决</source>
        <translation>resolved</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/main_window.py" line="428" />
        <source>未结束</source>
        <translation>not finished</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/main_window.py" line="430" />
        <source>满意度</source>
        <translation>satisfaction</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/main_window.py" line="439" />
        <source>对比</source>
        <translation>compared with</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/main_window.py" line="471" />
        <source>结束练习?</source>
        <translation>End the practice?</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/main_window.py" line="472" />
        <source>会话还没有结束,关闭窗口会放弃这次练习。确定关闭吗?</source>
        <translation>The session is not over. Closing the window discards it. Close anyway?</translation>
    </message>
</context>
<context>
    <name>PersonaCardDelegate</name>
    <message>
        <location filename="../../simulator/ui/start_page.py" line="155" />
        <source>可在:</source>
        <translation>Met in: </translation>
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
        <location filename="../../simulator/ui/report_page.py" line="147" />
        <source>成绩</source>
        <translation>Score</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/report_page.py" line="148" />
        <source>对话与全文</source>
        <translation>Conversation and full report</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/report_page.py" line="150" />
        <source>再练一次</source>
        <translation>Try again</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/report_page.py" line="151" />
        <source>换一个买家</source>
        <translation>Another buyer</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/report_page.py" line="152" />
        <source>保存报告…</source>
        <translation>Save report…</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/report_page.py" line="271" />
        <location filename="../../simulator/ui/report_page.py" line="279" />
        <source>保存报告</source>
        <translation>Save report</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/report_page.py" line="279" />
        <source>报告没能保存:</source>
        <translation>The report could not be saved: </translation>
    </message>
</context>
<context>
    <name>SessionTableModel</name>
    <message>
        <location filename="../../simulator/ui/history_page.py" line="41" />
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/history_page.py" line="42" />
        <source>买家</source>
        <translation>Buyer</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/history_page.py" line="43" />
        <source>场景</source>
        <translation>Scenario</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/history_page.py" line="44" />
        <source>模式</source>
        <translation>Mode</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/history_page.py" line="45" />
        <source>结果</source>
        <translation>Result</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/history_page.py" line="46" />
        <source>得分</source>
        <translation>Score</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/history_page.py" line="85" />
        <source>考核</source>
        <translation>exam</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/history_page.py" line="85" />
        <source>练习</source>
        <translation>practice</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/history_page.py" line="87" />
        <source>未完成</source>
        <translation>not finished</translation>
    </message>
</context>
<context>
    <name>ShopFactsPanel</name>
    <message>
        <location filename="../../simulator/ui/shop_facts.py" line="22" />
        <source>店铺信息</source>
        <translation>Shop information</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/shop_facts.py" line="45" />
        <source>页面价</source>
        <translation>Page price</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/shop_facts.py" line="47" />
        <source>(截止 %1)</source>
        <translation> (until %1)</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/shop_facts.py" line="49" />
        <source>价格与活动</source>
        <translation>Price and promotions</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/shop_facts.py" line="53" />
        <source>尺码表</source>
        <translation>Size chart</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/shop_facts.py" line="62" />
        <source>尺码</source>
        <translation>Sizes</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/shop_facts.py" line="63" />
        <source>共 %1 件</source>
        <translation>%1 in stock</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/shop_facts.py" line="65" />
        <source>颜色:</source>
        <translation>Colours: </translation>
    </message>
    <message>
        <location filename="../../simulator/ui/shop_facts.py" line="67" />
        <source>%1 仅剩 %2 件</source>
        <translation>%1: only %2 left</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/shop_facts.py" line="70" />
        <source>库存</source>
        <translation>in stock</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/shop_facts.py" line="71" />
        <source>首重 %1 kg ¥%2,续重每 kg ¥%3</source>
        <translation>First %1 kg ¥%2, each further kg ¥%3</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/shop_facts.py" line="80" />
        <source>首重 ¥%1,续重每 kg ¥%2</source>
        <translation>first kg ¥%1, each further kg ¥%2</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/shop_facts.py" line="85" />
        <source>满 %1 元包邮</source>
        <translation>Free shipping from ¥%1</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/shop_facts.py" line="88" />
        <source>商品重量 %1 kg · 买家在%2</source>
        <translation>Parcel %1 kg · buyer in %2</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/shop_facts.py" line="92" />
        <source>物流</source>
        <translation>Shipping</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/shop_facts.py" line="93" />
        <source>售后政策</source>
        <translation>After-sale policy</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/shop_facts.py" line="97" />
        <source>已付款</source>
        <translation>paid</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/shop_facts.py" line="97" />
        <source>已拍下,未付款</source>
        <translation>ordered, not paid</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/shop_facts.py" line="100" />
        <source>订单金额 ¥%1 · %2 · 数量 %3</source>
        <translation>Order ¥%1 · %2 · quantity %3</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/shop_facts.py" line="108" />
        <source>订单</source>
        <translation>Order</translation>
    </message>
</context>
<context>
    <name>StartPage</name>
    <message>
        <location filename="../../simulator/ui/start_page.py" line="175" />
        <source>网店客服陪练 · 选择一位买家</source>
        <translation>Online-shop customer-service trainer · choose a buyer</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/start_page.py" line="185" />
        <source>练习模式(有提示)</source>
        <translation>Practice (with hints)</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/start_page.py" line="186" />
        <source>考核模式(固定题目,无提示,计时)</source>
        <translation>Exam (fixed buyer, no hints, timed)</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/start_page.py" line="193" />
        <source>开始接待</source>
        <translation>Start</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/start_page.py" line="208" />
        <source>场景</source>
        <translation>Scenario</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/start_page.py" line="213" />
        <source>评分细则(开始前可见,会话中不变)</source>
        <translation>Rubric (shown before, frozen during the session)</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/start_page.py" line="240" />
        <source>%1 处内容问题(出问题的文件已跳过,其余照常可用;python main.py lint 可查看全部):</source>
        <translation>%1 content problem(s) (the files in question were skipped, the rest works; python main.py lint lists them all):</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/start_page.py" line="244" />
        <source>…… 另有 %1 处</source>
        <translation>… and %1 more</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/start_page.py" line="280" />
        <source>及格线 %1 分</source>
        <translation>Pass mark: %1 points</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/start_page.py" line="281" />
        <source>构成:</source>
        <translation>Made of: </translation>
    </message>
    <message>
        <location filename="../../simulator/ui/start_page.py" line="282" />
        <source>接待策略:</source>
        <translation>Strategy: </translation>
    </message>
    <message>
        <location filename="../../simulator/ui/start_page.py" line="283" />
        <source>要做到:</source>
        <translation>Do: </translation>
    </message>
    <message>
        <location filename="../../simulator/ui/start_page.py" line="286" />
        <source>要避免:</source>
        <translation>Avoid: </translation>
    </message>
    <message>
        <location filename="../../simulator/ui/start_page.py" line="287" />
        <source>接待流程:</source>
        <translation>Reception flow: </translation>
    </message>
    <message>
        <location filename="../../simulator/ui/start_page.py" line="288" />
        <source>红线:</source>
        <translation>Red lines: </translation>
    </message>
    <message>
        <location filename="../../simulator/ui/start_page.py" line="299" />
        <source>买家的事:</source>
        <translation>The buyer's case: </translation>
    </message>
</context>
<context>
    <name>StudioPage</name>
    <message>
        <location filename="../../simulator/ui/studio_page.py" line="107" />
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/studio_page.py" line="108" />
        <source>撤销</source>
        <translation>Undo</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/studio_page.py" line="109" />
        <source>返回</source>
        <translation>Back</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/studio_page.py" line="110" />
        <source>导出包…</source>
        <translation>Export pack…</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/studio_page.py" line="111" />
        <source>导入包…</source>
        <translation>Import pack…</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/studio_page.py" line="113" />
        <source>买家</source>
        <translation>Buyer</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/studio_page.py" line="135" />
        <source>粗框:初始状态 · 灰底:结束状态 · 黄底:试玩中的当前状态 · 红框:到不了的状态 · 橙色虚框:走不出去的状态</source>
        <translation>Bold: initial state · grey: end state · yellow: the playtest's state · red: unreachable · dashed orange: no way out</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/studio_page.py" line="146" />
        <source>重新开始</source>
        <translation>Restart</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/studio_page.py" line="147" />
        <source>存为测试</source>
        <translation>Save as test</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/studio_page.py" line="148" />
        <source>运行测试</source>
        <translation>Run tests</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/studio_page.py" line="149" />
        <source>测试覆盖</source>
        <translation>Test coverage</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/studio_page.py" line="155" />
        <source>以客服身份输入,回车发送</source>
        <translation>Type as the agent; Enter sends</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/studio_page.py" line="156" />
        <source>发送</source>
        <translation>Send</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/studio_page.py" line="158" />
        <source>场景</source>
        <translation>Scenario</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/studio_page.py" line="178" />
        <source>状态图</source>
        <translation>State diagram</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/studio_page.py" line="179" />
        <source>试玩</source>
        <translation>Playtest</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/studio_page.py" line="180" />
        <source>识别工作台</source>
        <translation>Detector workbench</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/studio_page.py" line="265" />
        <source>第 %1 行:</source>
        <translation>Line %1: </translation>
    </message>
    <message>
        <location filename="../../simulator/ui/studio_page.py" line="269" />
        <source>✓ 没有问题</source>
        <translation>✓ No problems</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/studio_page.py" line="272" />
        <source>%1 处问题,修好后才能保存</source>
        <translation>%1 problem(s): fix them to save</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/studio_page.py" line="326" />
        <source>导出买家包</source>
        <translation>Export buyer pack</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/studio_page.py" line="331" />
        <source>已导出:</source>
        <translation>Exported: </translation>
    </message>
    <message>
        <location filename="../../simulator/ui/studio_page.py" line="340" />
        <location filename="../../simulator/ui/studio_page.py" line="357" />
        <source>导入买家包</source>
        <translation>Import buyer pack</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/studio_page.py" line="345" />
        <source>包里的文件和现有的完全一样</source>
        <translation>The pack's files are the same as the ones here</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/studio_page.py" line="346" />
        <source>不能导入</source>
        <translation>Cannot import</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/studio_page.py" line="354" />
        <source>检查通过(%1 个测试全部通过)。将要:</source>
        <translation>Checked (all %1 tests pass). It will:</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/studio_page.py" line="361" />
        <source>已导入:</source>
        <translation>Imported: </translation>
    </message>
    <message>
        <location filename="../../simulator/ui/studio_page.py" line="440" />
        <source>识别到:</source>
        <translation>Found: </translation>
    </message>
    <message>
        <location filename="../../simulator/ui/studio_page.py" line="460" />
        <source>已存为测试:</source>
        <translation>Saved as a test: </translation>
    </message>
    <message>
        <location filename="../../simulator/ui/studio_page.py" line="482" />
        <source>%1 个通过,%2 个失败</source>
        <translation>%1 passed, %2 failed</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/studio_page.py" line="497" />
        <source>这个买家还没有测试</source>
        <translation>This buyer has no tests yet</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/studio_page.py" line="502" />
        <source>测试覆盖:反应 %1/%2,状态转换 %3/%4</source>
        <translation>Test coverage: reactions %1/%2, transitions %3/%4</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/studio_page.py" line="510" />
        <source>没有测试走过:第 %1 行 %2 → %3</source>
        <translation>No test takes: line %1, %2 → %3</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/studio_page.py" line="517" />
        <source>没有测试触发:第 %1 行 %2 的反应</source>
        <translation>No test sets off: line %1, the %2 reaction</translation>
    </message>
</context>
<context>
    <name>application</name>
    <message>
        <location filename="../../simulator/ui/application.py" line="92" />
        <source>无法移开损坏的文件</source>
        <translation>The damaged file could not be moved aside</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/application.py" line="97" />
        <source>已新建记录文件,损坏的旧文件保留为 %1</source>
        <translation>A fresh record file was started; the damaged one is kept as %1</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/application.py" line="104" />
        <source>会话记录文件已损坏,无法打开:
%1
(%2)

新建一个空的记录文件吗?旧文件会改名保留在同一文件夹里。</source>
        <translation>The session record file is damaged and cannot be opened:
%1
(%2)

Start a fresh, empty file? The old one is kept, renamed, in the same folder.</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/application.py" line="110" />
        <source>记录文件损坏</source>
        <translation>Damaged record file</translation>
    </message>
</context>
</TS>