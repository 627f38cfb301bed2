<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>ChatPage</name>
    <message>
        <location filename="../../simulator/ui/chat_page.py" line="88" />
        <source>结束会话</source>
        <translation>End session</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/chat_page.py" line="99" />
        <source>对方正在输入…</source>
        <translation>The buyer is typing…</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/chat_page.py" line="101" />
        <source>表情</source>
        <translation>Emoticons</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/chat_page.py" line="102" />
        <source>快捷短语</source>
        <translation>Quick replies</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/chat_page.py" line="108" />
        <source>输入回复,Enter 发送,Shift+Enter 换行</source>
        <translation>Type a reply; Enter sends, Shift+Enter starts a new line</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/chat_page.py" line="110" />
        <source>发送</source>
        <translation>Send</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/chat_page.py" line="157" />
        <source>接待策略</source>
        <translation>Strategy for this buyer</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/chat_page.py" line="161" />
        <source>耐心</source>
        <translation>Patience</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/chat_page.py" line="162" />
        <source>信任</source>
        <translation>Trust</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/chat_page.py" line="163" />
        <source>满意</source>
        <translation>Satisfaction</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/chat_page.py" line="164" />
        <source>购买意愿</source>
        <translation>Wish to buy</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/chat_page.py" line="285" />
        <source>结束会话?</source>
        <translation>End the session?</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/chat_page.py" line="286" />
        <source>买家还在等你的回复。现在结束,会按已有的对话评分。确定结束吗?</source>
        <translation>The buyer is still waiting for your reply. Ending now scores the conversation so far. End it?</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/chat_page.py" line="301" />
        <source>超过的部分不会发送</source>
        <translation>The part over the limit will not be sent</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/chat_page.py" line="301" />
        <source>一条消息最多这么多字</source>
        <translation>The most characters one message may have</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/chat_page.py" line="327" />
        <source>编辑快捷短语…</source>
        <translation>Edit quick replies…</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/chat_page.py" line="376" />
        <source>最近的变化:</source>
        <translation>Latest changes:</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/chat_page.py" line="420" />
        <source>买家还在等回答:</source>
        <translation>Still waiting for an answer: </translation>
    </message>
    <message>
        <location filename="../../simulator/ui/chat_page.py" line="424" />
        <source>已付款</source>
        <translation>paid</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/chat_page.py" line="424" />
        <source>未付款</source>
        <translation>not paid</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/chat_page.py" line="426" />
        <source>订单</source>
        <translation>Order</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/chat_page.py" line="434" />
        <source>考核用时</source>
        <translation>Exam time</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/chat_page.py" line="437" />
        <source>考试剩余</source>
        <translation>Exam time left</translation>
    </message>
    <message numerus="yes">
        <location filename="../../simulator/ui/chat_page.py" line="451" />
        <source>已等待 %n 秒</source>
        <translation><numerusform>Waiting %n s</numerusform><numerusform>Waiting %n s</numerusform></translation></message>
    <message>
        <source>库存</source>
        <translation type="vanished">in stock</translation>
    </message>
    <message>
        <source>颜色:</source>
        <translation type="vanished">Colours: </translation>
    </message>
    <message>
        <source>尺码:</source>
        <translation type="vanished">Sizes: </translation>
    </message>
    <message>
        <source>活动:</source>
        <translation type="vanished">Promotion: </translation>
    </message>
</context>
<context>
    <name>ClassBoardPage</name>
    <message>
        <location filename="../../simulator/ui/class_board_page.py" line="290" />
        <source>班级看板</source>
        <translation>Class board</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/class_board_page.py" line="292" />
        <source>起始日期</source>
        <translation>Since</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/class_board_page.py" line="298" />
        <source>全部买家</source>
        <translation>All buyers</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/class_board_page.py" line="302" />
        <source>全部场景</source>
        <translation>All scenarios</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/class_board_page.py" line="306" />
        <source>显示姓名</source>
        <translation>Show names</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/class_board_page.py" line="308" />
        <source>投到墙上时请保持关闭:默认只显示“学员 A”这样的代号</source>
        <translation>Keep this off on a projector: by default trainees appear only as codes (A, B, …)</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/class_board_page.py" line="309" />
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/class_board_page.py" line="310" />
        <source>布置考试…</source>
        <translation>Assign exam…</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/class_board_page.py" line="311" />
        <location filename="../../simulator/ui/class_board_page.py" line="539" />
        <location filename="../../simulator/ui/class_board_page.py" line="549" />
        <source>结束考试</source>
        <translation>Close exam</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/class_board_page.py" line="313" />
        <source>返回</source>
        <translation>Back</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/class_board_page.py" line="320" />
        <source>买家</source>
        <translation>Buyer</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/class_board_page.py" line="321" />
        <source>场景</source>
        <translation>Scenario</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/class_board_page.py" line="322" />
        <location filename="../../simulator/ui/class_board_page.py" line="333" />
        <source>会话</source>
        <translation>Sessions</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/class_board_page.py" line="323" />
        <location filename="../../simulator/ui/class_board_page.py" line="334" />
        <source>完成</source>
        <translation>Scored</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/class_board_page.py" line="324" />
        <location filename="../../simulator/ui/class_board_page.py" line="335" />
        <source>平均分</source>
        <translation>Average</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/class_board_page.py" line="325" />
        <source>及格率</source>
        <translation>Pass rate</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/class_board_page.py" line="331" />
        <source>名次</source>
        <translation>Rank</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/class_board_page.py" line="332" />
        <source>学员</source>
        <translation>Trainee</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/class_board_page.py" line="336" />
        <source>最高分</source>
        <translation>Best</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/class_board_page.py" line="342" />
        <source>技巧</source>
        <translation>Technique</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/class_board_page.py" line="343" />
        <source>用过(场 · 占比)</source>
        <translation>Used (sessions · share)</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/class_board_page.py" line="344" />
        <source>应做(场)</source>
        <translation>Expected (sessions)</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/class_board_page.py" line="345" />
        <source>漏掉(场)</source>
        <translation>Missed (sessions)</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/class_board_page.py" line="346" />
        <source>漏掉率</source>
        <translation>Miss rate</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/class_board_page.py" line="359" />
        <source>双击一条,在回放中打开那一句</source>
        <translation>Double-click a line to open that message in the replay</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/class_board_page.py" line="360" />
        <source>在回放中打开</source>
        <translation>Open in replay</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/class_board_page.py" line="367" />
        <source>买家 × 场景</source>
        <translation>Buyer × scenario</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/class_board_page.py" line="368" />
        <source>排名</source>
        <translation>Ranking</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/class_board_page.py" line="369" />
        <source>技巧热力图</source>
        <translation>Technique heat map</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/class_board_page.py" line="370" />
        <source>常见禁忌</source>
        <translation>Common taboos</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/class_board_page.py" line="424" />
        <source>共 %1 次会话,其中 %2 次已完成评分</source>
        <translation>%1 sessions, %2 of them scored</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/class_board_page.py" line="461" />
        <source>禁忌 / 学员</source>
        <translation>Taboo / trainee</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/class_board_page.py" line="461" />
        <source>次数 / 位置</source>
        <translation>Hits / where</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/class_board_page.py" line="461" />
        <source>原话</source>
        <translation>Quote</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/class_board_page.py" line="467" />
        <source>%1 次,%2 次会话</source>
        <translation>%1 hits in %2 sessions</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/class_board_page.py" line="472" />
        <source>会话 #%1 第 %2 句</source>
        <translation>Session #%1, message %2</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/class_board_page.py" line="482" />
        <source>…… 另有 %1 处(缩小筛选范围可看到更多)</source>
        <translation>… and %1 more (narrow the filters to see them)</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/class_board_page.py" line="502" />
        <source>全部会话(含练习)</source>
        <translation>All sessions (practice too)</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/class_board_page.py" line="504" />
        <source>进行中</source>
        <translation>open</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/class_board_page.py" line="504" />
        <source>已结束</source>
        <translation>closed</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/class_board_page.py" line="540" />
        <source>结束“%1”?学员的开始页上将不再显示它,已有的成绩保留。</source>
        <translation>Close “%1”? It will no longer show on the trainees' start pages; the scores so far are kept.</translation>
    </message>
</context>
<context>
    <name>DatabaseDialog</name>
    <message>
        <location filename="../../simulator/ui/database_dialog.py" line="51" />
        <source>班级数据库</source>
        <translation>Class database</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/database_dialog.py" line="60" />
        <source>全班共用一台 PostgreSQL 服务器时,每台电脑填写同一个地址,老师的班级看板就能看到所有人的练习。留空则保存在本机的文件里。</source>
        <translation>When the whole class shares one PostgreSQL server, enter the same address on every computer and the teacher's class board sees everyone's practice. Leave it empty to keep the records in a file on this computer.</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/database_dialog.py" line="67" />
        <source>postgresql+psycopg://用户:密码@服务器:5432/数据库</source>
        <translation>postgresql+psycopg://user:password@server:5432/database</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/database_dialog.py" line="69" />
        <source>测试连接</source>
        <translation>Test connection</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/database_dialog.py" line="76" />
        <source>保存(重新启动后生效)</source>
        <translation>Save (applies after a restart)</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/database_dialog.py" line="77" />
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/database_dialog.py" line="95" />
        <source>留空:使用本机的记录文件</source>
        <translation>Empty: the record file on this computer is used</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/database_dialog.py" line="98" />
        <source>正在连接……</source>
        <translation>Connecting…</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/database_dialog.py" line="115" />
        <source>✔ 连接成功</source>
        <translation>✔ Connected</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/database_dialog.py" line="117" />
        <source>✘ 无法连接:</source>
        <translation>✘ Cannot connect: </translation>
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
        <location filename="../../simulator/ui/detector_workbench.py" line="60" />
        <source>加为例句</source>
        <translation>Add as example</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/detector_workbench.py" line="61" />
        <source>加为反例</source>
        <translation>Add as counter-example</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/detector_workbench.py" line="66" />
        <source>新词</source>
        <translation>New word</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/detector_workbench.py" line="67" />
        <source>加入词类</source>
        <translation>Add to word class</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/detector_workbench.py" line="69" />
        <source>保存修改</source>
        <translation>Save the change</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/detector_workbench.py" line="87" />
        <source>修改对已标注语料的影响(规则;评分模型由 make 重新训练):</source>
        <translation>What the change does on the labelled corpus (rules; make retrains the scorer):</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/detector_workbench.py" line="101" />
        <source>没有识别出技巧</source>
        <translation>No technique found</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/detector_workbench.py" line="127" />
        <source>不能这样改:</source>
        <translation>This change cannot be made: </translation>
    </message>
    <message>
        <location filename="../../simulator/ui/detector_workbench.py" line="133" />
        <source>找不到已标注语料,无法检查影响;可以保存。</source>
        <translation>No labelled corpus found, so the effect cannot be checked; it can be saved.</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/detector_workbench.py" line="137" />
        <source>正在用已标注语料检查…</source>
        <translation>Checking against the labelled corpus…</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/detector_workbench.py" line="148" />
        <source>改对:</source>
        <translation>Now right: </translation>
    </message>
    <message>
        <location filename="../../simulator/ui/detector_workbench.py" line="149" />
        <source>改错:</source>
        <translation>Now wrong: </translation>
    </message>
    <message>
        <location filename="../../simulator/ui/detector_workbench.py" line="164" />
        <source>已保存:</source>
        <translation>Saved: </translation>
    </message>
</context>
<context>
    <name>ExamDialog</name>
    <message>
        <location filename="../../simulator/ui/class_board_page.py" line="201" />
        <source>布置考试</source>
        <translation>Assign an exam</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/class_board_page.py" line="207" />
        <source>例如:第三周 讲价型考核</source>
        <translation>e.g. Week 3: bargaining exam</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/class_board_page.py" line="216" />
        <source>同一题目编号,每位学员遇到的买家完全相同</source>
        <translation>With the same question number, every trainee meets exactly the same buyer</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/class_board_page.py" line="220" />
        <source> 分钟</source>
        <translation> min</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/class_board_page.py" line="228" />
        <source>布置</source>
        <translation>Assign</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/class_board_page.py" line="229" />
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/class_board_page.py" line="233" />
        <source>考试名称</source>
        <translation>Exam title</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/class_board_page.py" line="234" />
        <source>买家</source>
        <translation>Buyer</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/class_board_page.py" line="235" />
        <source>场景</source>
        <translation>Scenario</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/class_board_page.py" line="236" />
        <source>题目编号(随机种子)</source>
        <translation>Question number (random seed)</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/class_board_page.py" line="237" />
        <source>限时</source>
        <translation>Time limit</translation>
    </message>
</context>
<context>
    <name>HistoryPage</name>
    <message>
        <location filename="../../simulator/ui/history_page.py" line="178" />
        <source>最近7天</source>
        <translation>Last 7 days</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/history_page.py" line="178" />
        <source>最近30天</source>
        <translation>Last 30 days</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/history_page.py" line="179" />
        <source>练习</source>
        <translation>practice</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/history_page.py" line="179" />
        <source>考核</source>
        <translation>exam</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/history_page.py" line="182" />
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/history_page.py" line="192" />
        <source>导出 CSV…</source>
        <translation>Export CSV…</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/history_page.py" line="193" />
        <source>导出会话文件…</source>
        <translation>Export sessions…</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/history_page.py" line="195" />
        <source>把选中的会话(未选中时为列表里的全部)存成一个文件,带到老师的电脑上导入</source>
        <translation>Save the selected sessions (all listed ones when none is selected) as one file to import on the teacher's computer</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/history_page.py" line="197" />
        <source>导入会话文件…</source>
        <translation>Import sessions…</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/history_page.py" line="203" />
        <source>回放到第 </source>
        <translation>Replay up to message </translation>
    </message>
    <message>
        <location filename="../../simulator/ui/history_page.py" line="204" />
        <source> 句</source>
        <translation> </translation>
    </message>
    <message>
        <location filename="../../simulator/ui/history_page.py" line="205" />
        <source>从这里重试</source>
        <translation>Retry from here</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/history_page.py" line="206" />
        <source>导出报告…</source>
        <translation>Export report…</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/history_page.py" line="207" />
        <source>课堂回放</source>
        <translation>Class replay</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/history_page.py" line="209" />
        <source>在投影上一步一步讨论这个会话:买家的心思、先盖住的评分、你会怎么回?</source>
        <translation>Discuss this session step by step on the projector: the buyer's mind, the score covered at first, what would you reply?</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/history_page.py" line="214" />
        <source>返回</source>
        <translation>Back</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/history_page.py" line="216" />
        <location filename="../../simulator/ui/history_page.py" line="343" />
        <source>买家</source>
        <translation>Buyer</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/history_page.py" line="216" />
        <source>场景</source>
        <translation>Scenario</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/history_page.py" line="217" />
        <source>模式</source>
        <translation>Mode</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/history_page.py" line="217" />
        <source>结果</source>
        <translation>Result</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/history_page.py" line="218" />
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/history_page.py" line="270" />
        <source>买家和场景尚未加载,无法检查会话文件</source>
        <translation>The buyers and scenarios are not loaded yet, so session files cannot be checked</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/history_page.py" line="273" />
        <source>导入学员导出的会话文件:先列出将添加、跳过(重复)和拒绝的会话,确认后再导入</source>
        <translation>Import session files that trainees exported: it lists what will be added, skipped (duplicates) and refused, and imports once you confirm</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/history_page.py" line="343" />
        <source>学员</source>
        <translation>Trainee</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/history_page.py" line="356" />
        <source>导出 CSV</source>
        <translation>Export CSV</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/history_page.py" line="370" />
        <source>列表里没有会话可导出</source>
        <translation>There are no sessions in the list to export</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/history_page.py" line="375" />
        <source>导出会话文件</source>
        <translation>Export session file</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/history_page.py" line="376" />
        <location filename="../../simulator/ui/history_page.py" line="398" />
        <source>会话文件</source>
        <translation>Session files</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/history_page.py" line="385" />
        <source>导出失败:</source>
        <translation>Export failed: </translation>
    </message>
    <message>
        <location filename="../../simulator/ui/history_page.py" line="388" />
        <source>已导出 %1 个会话到 %2</source>
        <translation>Exported %1 session(s) to %2</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/history_page.py" line="398" />
        <source>导入会话文件</source>
        <translation>Import session files</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/history_page.py" line="407" />
        <location filename="../../simulator/ui/history_page.py" line="417" />
        <source>导入失败,没有导入任何会话:</source>
        <translation>Import failed, no session was imported: </translation>
    </message>
    <message>
        <location filename="../../simulator/ui/history_page.py" line="412" />
        <source>没有导入任何会话</source>
        <translation>No session was imported</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/history_page.py" line="421" />
        <source>已导入 %1 个会话,跳过 %2 个重复的,拒绝 %3 个</source>
        <translation>Imported %1 session(s); %2 duplicate(s) skipped, %3 refused</translation>
    </message>
</context>
<context>
    <name>ImportConfirmation</name>
    <message>
        <location filename="../../simulator/ui/history_page.py" line="113" />
        <source>导入会话文件</source>
        <translation>Import session files</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/history_page.py" line="116" />
        <source>将添加 %1 个会话,跳过 %2 个重复的,拒绝 %3 个。</source>
        <translation>%1 session(s) will be added, %2 duplicate(s) skipped, %3 refused.</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/history_page.py" line="124" />
        <source>添加:</source>
        <translation>Add: </translation>
    </message>
    <message>
        <location filename="../../simulator/ui/history_page.py" line="126" />
        <source>注意:</source>
        <translation>Note: </translation>
    </message>
    <message>
        <location filename="../../simulator/ui/history_page.py" line="128" />
        <source>跳过(重复):</source>
        <translation>Skip (duplicate): </translation>
    </message>
    <message>
        <location filename="../../simulator/ui/history_page.py" line="130" />
        <location filename="../../simulator/ui/history_page.py" line="132" />
        <source>拒绝:</source>
        <translation>Refuse: </translation>
    </message>
    <message>
        <location filename="../../simulator/ui/history_page.py" line="137" />
        <source>导入 %1 个会话</source>
        <translation>Import %1 session(s)</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/history_page.py" line="140" />
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/history_page.py" line="140" />
        <source>关闭</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../simulator/ui/main_window.py" line="141" />
        <source>显示比例 %1%</source>
        <translation>Scale %1%</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/main_window.py" line="153" />
        <source>会话记录文件有损坏,新的练习可能无法保存;重新启动软件时可以新建记录文件</source>
        <translation>The session record file is damaged and new sessions may not be saved; restart the app to start a fresh file</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/main_window.py" line="166" />
        <source>会话记录只能查看,新的练习不会保存</source>
        <translation>Session records can be read only; new practice sessions will not be saved</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/main_window.py" line="168" />
        <source>会话记录无法保存,本次运行的练习只保存在内存里</source>
        <translation>Session records cannot be saved; this run's sessions are kept in memory only</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/main_window.py" line="184" />
        <source>有 %1 个内容文件没有加载(请运行 python main.py lint 查看):</source>
        <translation>%1 content file(s) were not loaded (run python main.py lint to see why):</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/main_window.py" line="192" />
        <source>网店客服陪练</source>
        <translation>Online-shop customer-service trainer</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/main_window.py" line="244" />
        <source>工作室</source>
        <translation>Studio</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/main_window.py" line="245" />
        <source>编辑与试玩买家</source>
        <translation>Edit and playtest buyers</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/main_window.py" line="247" />
        <source>记录</source>
        <translation>Records</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/main_window.py" line="248" />
        <source>历史会话</source>
        <translation>Past sessions</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/main_window.py" line="249" />
        <source>我的进步</source>
        <translation>My progress</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/main_window.py" line="250" />
        <source>班级看板</source>
        <translation>Class board</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/main_window.py" line="251" />
        <source>设置</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/main_window.py" line="252" />
        <source>演示模式</source>
        <translation>Presenter mode</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/main_window.py" line="253" />
        <source>全屏 (F11)</source>
        <translation>Full screen (F11)</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/main_window.py" line="254" />
        <source>放大 (Ctrl+)</source>
        <translation>Larger (Ctrl+)</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/main_window.py" line="255" />
        <source>缩小 (Ctrl−)</source>
        <translation>Smaller (Ctrl−)</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/main_window.py" line="256" />
        <source>原始大小 (Ctrl+0)</source>
        <translation>Actual size (Ctrl+0)</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/main_window.py" line="257" />
        <source>高对比度</source>
        <translation>High contrast</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/main_window.py" line="261" />
        <source>班级数据库…</source>
        <translation>Class database…</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/main_window.py" line="262" />
        <source>语言 Language</source>
        <translation>语言 Language</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/main_window.py" line="291" />
        <location filename="../../simulator/ui/main_window.py" line="295" />
        <source>语言</source>
        <translation>Language</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/main_window.py" line="291" />
        <source>请先结束当前会话再切换语言。</source>
        <translation>Please end the current session before switching the language.</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/main_window.py" line="295" />
        <source>找不到这种语言的翻译文件。</source>
        <translation>The translation file for this language is missing.</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/main_window.py" line="416" />
        <source>导出报告</source>
        <translation>Export report</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/main_window.py" line="437" />
        <source>上次的练习没有正常结束(%1,%2 句)。继续这次练习吗?选“否”则结束它并保留记录。</source>
        <translation>The last practice did not end properly (%1, %2 messages). Resume it? Choose No to close it and keep its record.</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/main_window.py" line="445" />
        <source>继续练习?</source>
        <translation>Resume the practice?</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/main_window.py" line="456" />
        <source>这次练习已在另一个窗口中继续</source>
        <translation>This session was resumed in another window</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/main_window.py" line="475" />
        <source>及格</source>
        <translation>Pass</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/main_window.py" line="475" />
        <source>不及格</source>
        <translation>Fail</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/main_window.py" line="478" />
        <source>成交</source>
        <translation>purchased</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/main_window.py" line="479" />
        <source>拍下未付</source>
        <translation>ordered, not paid</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/main_window.py" line="480" />
        <source>买家离开</source>
        <translation>the buyer left</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/main_window.py" line="481" />
        <source>投诉/差评</source>
        <translation>complaint / bad review</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/main_window.py" line="482" />
        <source>问题解决</source>
        <translation>resolved</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/main_window.py" line="483" />
        <source>未结束</source>
        <translation>not finished</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/main_window.py" line="485" />
        <source>满意度</source>
        <translation>satisfaction</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/main_window.py" line="494" />
        <source>对比</source>
        <translation>compared with</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/main_window.py" line="526" />
        <source>结束练习?</source>
        <translation>End the practice?</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/main_window.py" line="527" />
        <source>会话还没有结束,关闭窗口会放弃这次练习。确定关闭吗?</source>
        <translation>The session is not over. Closing the window discards it. Close anyway?</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/main_window_classroom.py" line="49" />
        <source>考试</source>
        <translation>Exam</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/main_window_classroom.py" line="50" />
        <source>这场考试已经结束了。</source>
        <translation>This exam has been closed.</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/main_window_classroom.py" line="71" />
        <source>数据库设置已保存,重新启动后生效</source>
        <translation>Database setting saved; it applies after a restart</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/main_window_classroom.py" line="83" />
        <source>无法回放</source>
        <translation>Cannot replay</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/main_window_classroom.py" line="84" />
        <source>读不到这个会话:</source>
        <translation>This session cannot be read: </translation>
    </message>
</context>
<context>
    <name>PersonaCardDelegate</name>
    <message>
        <location filename="../../simulator/ui/start_page.py" line="173" />
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
    <name>ReplayPage</name>
    <message>
        <location filename="../../simulator/ui/replay_page.py" line="97" />
        <source>◀ 上一步</source>
        <translation>◀ Previous</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/replay_page.py" line="98" />
        <source>下一步 ▶</source>
        <translation>Next ▶</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/replay_page.py" line="99" />
        <location filename="../../simulator/ui/replay_page.py" line="282" />
        <source>揭晓评分与点评</source>
        <translation>Reveal score and feedback</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/replay_page.py" line="101" />
        <source>每一步先盖住</source>
        <translation>Cover at each step</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/replay_page.py" line="103" />
        <source>换到另一步时评分与点评重新盖住,让大家先猜</source>
        <translation>Moving to another step covers the score and feedback again, so the class guesses first</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/replay_page.py" line="104" />
        <source>显示姓名</source>
        <translation>Show names</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/replay_page.py" line="105" />
        <location filename="../../simulator/ui/replay_page.py" line="317" />
        <location filename="../../simulator/ui/replay_page.py" line="344" />
        <source>你会怎么回?</source>
        <translation>What would you reply?</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/replay_page.py" line="106" />
        <source>返回</source>
        <translation>Back</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/replay_page.py" line="122" />
        <source>评分与点评已盖住:先让大家说说,买家为什么这样反应?</source>
        <translation>Score and feedback are covered. First ask the class: why does the buyer react like this?</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/replay_page.py" line="148" />
        <source>买家的心思</source>
        <translation>The buyer's mind</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/replay_page.py" line="149" />
        <source>状态图</source>
        <translation>State diagram</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/replay_page.py" line="152" />
        <source>在这里写下你们的回复,回车发送</source>
        <translation>Write your reply here; Enter sends</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/replay_page.py" line="153" />
        <source>发给买家</source>
        <translation>Send to buyer</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/replay_page.py" line="154" />
        <source>结束分支</source>
        <translation>Close branch</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/replay_page.py" line="169" />
        <source>原来的回复</source>
        <translation>Original replies</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/replay_page.py" line="170" />
        <source>你们的回复</source>
        <translation>Your replies</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/replay_page.py" line="232" />
        <source>无法回放</source>
        <translation>Cannot replay</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/replay_page.py" line="233" />
        <source>这台电脑上没有这个会话用到的买家或场景,无法回放:</source>
        <translation>This computer lacks the buyer or scenario the session used, so it cannot be replayed: </translation>
    </message>
    <message>
        <location filename="../../simulator/ui/replay_page.py" line="252" />
        <source>买家的开场</source>
        <translation>the buyer's opening</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/replay_page.py" line="252" />
        <source>第 %1 条消息</source>
        <translation>message %1</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/replay_page.py" line="255" />
        <source>注意:这台电脑上的内容(买家、场景、话术识别或评分)与练习时不同,回放从%1起与学员当时看到的不一样(回放按本机现在的内容重算)。</source>
        <translation>Note: the content on this computer (buyer, shop, technique detection or scoring) differs from when this session was played; from %1 on, the replay is not what the trainee saw (it is recomputed with this computer's content).</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/replay_page.py" line="282" />
        <source>盖住评分与点评</source>
        <translation>Cover score and feedback</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/replay_page.py" line="317" />
        <source>这一步之后学员没有再发消息。</source>
        <translation>The trainee sent no further message after this step.</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/replay_page.py" line="324" />
        <source>第 %1 句换一种说法:买家会怎么反应?原来学员写的是:</source>
        <translation>Message %1 said another way: how would the buyer react? The trainee wrote: </translation>
    </message>
    <message>
        <location filename="../../simulator/ui/replay_page.py" line="367" />
        <location filename="../../simulator/ui/replay_page.py" line="510" />
        <source>学员</source>
        <translation>Trainee</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/replay_page.py" line="370" />
        <source>课堂回放</source>
        <translation>Class replay</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/replay_page.py" line="383" />
        <source>第 %1 / %2 步</source>
        <translation>Step %1 / %2</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/replay_page.py" line="390" />
        <source>(你们的分支)</source>
        <translation> (your branch)</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/replay_page.py" line="391" />
        <source>买家现在:</source>
        <translation>Buyer now: </translation>
    </message>
    <message>
        <location filename="../../simulator/ui/replay_page.py" line="409" />
        <source>变化的原因:</source>
        <translation>Why it changed:</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/replay_page.py" line="426" />
        <source>(隔了 %1 秒)</source>
        <translation>(after %1 s)</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/replay_page.py" line="435" />
        <source>(学员没有回复,买家等不及了)</source>
        <translation>(no reply from the trainee; the buyer could not wait)</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/replay_page.py" line="437" />
        <location filename="../../simulator/ui/replay_page.py" line="511" />
        <source>买家</source>
        <translation>Buyer</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/replay_page.py" line="452" />
        <source>还没有回复:在上面写下你们会怎么回。</source>
        <translation>No reply yet: write above what you would reply.</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/replay_page.py" line="467" />
        <source>找到的技巧</source>
        <translation>Techniques found</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/replay_page.py" line="468" />
        <source>这句话里没有找到目录里的技巧。</source>
        <translation>No technique from the catalogue was found in this message.</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/replay_page.py" line="469" />
        <source>这一句的得分 %1</source>
        <translation>This message scores %1</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/replay_page.py" line="470" />
        <source>更好的说法:</source>
        <translation>Better: </translation>
    </message>
    <message>
        <location filename="../../simulator/ui/replay_page.py" line="471" />
        <source>整场</source>
        <translation>Whole session</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/replay_page.py" line="472" />
        <source>更好的做法:</source>
        <translation>Better: </translation>
    </message>
    <message>
        <location filename="../../simulator/ui/replay_page.py" line="512" />
        <source>得分 %1</source>
        <translation>score %1</translation>
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
        <location filename="../../simulator/ui/history_page.py" line="49" />
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/history_page.py" line="50" />
        <source>买家</source>
        <translation>Buyer</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/history_page.py" line="51" />
        <source>场景</source>
        <translation>Scenario</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/history_page.py" line="52" />
        <source>模式</source>
        <translation>Mode</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/history_page.py" line="53" />
        <source>结果</source>
        <translation>Result</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/history_page.py" line="54" />
        <source>得分</source>
        <translation>Score</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/history_page.py" line="93" />
        <source>考核</source>
        <translation>exam</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/history_page.py" line="93" />
        <source>练习</source>
        <translation>practice</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/history_page.py" line="95" />
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
        <location filename="../../simulator/ui/shop_facts.py" line="51" />
        <source>身高</source>
        <translation>height</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/shop_facts.py" line="51" />
        <source>体重</source>
        <translation>weight</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/shop_facts.py" line="54" />
        <source>尺码表</source>
        <translation>Size chart</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/shop_facts.py" line="63" />
        <source>尺码</source>
        <translation>Sizes</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/shop_facts.py" line="64" />
        <source>共 %1 件</source>
        <translation>%1 in stock</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/shop_facts.py" line="66" />
        <source>颜色:</source>
        <translation>Colours: </translation>
    </message>
    <message>
        <location filename="../../simulator/ui/shop_facts.py" line="68" />
        <source>%1 仅剩 %2 件</source>
        <translation>%1: only %2 left</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/shop_facts.py" line="71" />
        <source>库存</source>
        <translation>in stock</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/shop_facts.py" line="72" />
        <source>首重 %1 kg ¥%2,续重每 kg ¥%3</source>
        <translation>First %1 kg ¥%2, each further kg ¥%3</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/shop_facts.py" line="81" />
        <source>首重 ¥%1,续重每 kg ¥%2</source>
        <translation>first kg ¥%1, each further kg ¥%2</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/shop_facts.py" line="86" />
        <source>满 %1 元包邮</source>
        <translation>Free shipping from ¥%1</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/shop_facts.py" line="89" />
        <source>商品重量 %1 kg · 买家在%2</source>
        <translation>Parcel %1 kg · buyer in %2</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/shop_facts.py" line="93" />
        <source>物流</source>
        <translation>Shipping</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/shop_facts.py" line="94" />
        <source>售后政策</source>
        <translation>After-sale policy</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/shop_facts.py" line="98" />
        <source>已付款</source>
        <translation>paid</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/shop_facts.py" line="98" />
        <source>已拍下,未付款</source>
        <translation>ordered, not paid</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/shop_facts.py" line="101" />
        <source>订单金额 ¥%1 · %2 · 数量 %3</source>
        <translation>Order ¥%1 · %2 · quantity %3</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/shop_facts.py" line="109" />
        <source>订单</source>
        <translation>Order</translation>
    </message>
</context>
<context>
    <name>StartPage</name>
    <message>
        <location filename="../../simulator/ui/start_page.py" line="205" />
        <source>网店客服陪练 · 选择一位买家</source>
        <translation>Online-shop customer-service trainer · choose a buyer</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/start_page.py" line="215" />
        <source>练习模式(有提示)</source>
        <translation>Practice (with hints)</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/start_page.py" line="216" />
        <source>考核模式(固定题目,无提示,计时)</source>
        <translation>Exam (fixed buyer, no hints, timed)</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/start_page.py" line="223" />
        <source>开始接待</source>
        <translation>Start</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/start_page.py" line="229" />
        <source>写上你的名字,成绩记在你名下</source>
        <translation>Your name, so the scores are recorded under it</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/start_page.py" line="251" />
        <source>学员姓名</source>
        <translation>Trainee name</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/start_page.py" line="254" />
        <source>场景</source>
        <translation>Scenario</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/start_page.py" line="259" />
        <source>评分细则(开始前可见,会话中不变)</source>
        <translation>Rubric (shown before, frozen during the session)</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/start_page.py" line="288" />
        <source>%1 处内容问题(出问题的文件已跳过,其余照常可用;python main.py lint 可查看全部):</source>
        <translation>%1 content problem(s) (the files in question were skipped, the rest works; python main.py lint lists them all):</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/start_page.py" line="292" />
        <source>…… 另有 %1 处</source>
        <translation>… and %1 more</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/start_page.py" line="323" />
        <source>老师布置的考试:</source>
        <translation>Exams from your teacher:</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/start_page.py" line="328" />
        <source>限时 %1 分钟</source>
        <translation>%1 min limit</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/start_page.py" line="331" />
        <source>点击开始考试:固定题目,无提示,计时</source>
        <translation>Click to start the exam: fixed buyer, no hints, timed</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/start_page.py" line="369" />
        <source>及格线 %1 分</source>
        <translation>Pass mark: %1 points</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/start_page.py" line="370" />
        <source>构成:</source>
        <translation>Made of: </translation>
    </message>
    <message>
        <location filename="../../simulator/ui/start_page.py" line="371" />
        <source>接待策略:</source>
        <translation>Strategy: </translation>
    </message>
    <message>
        <location filename="../../simulator/ui/start_page.py" line="372" />
        <source>要做到:</source>
        <translation>Do: </translation>
    </message>
    <message>
        <location filename="../../simulator/ui/start_page.py" line="375" />
        <source>要避免:</source>
        <translation>Avoid: </translation>
    </message>
    <message>
        <location filename="../../simulator/ui/start_page.py" line="376" />
        <source>接待流程:</source>
        <translation>Reception flow: </translation>
    </message>
    <message>
        <location filename="../../simulator/ui/start_page.py" line="377" />
        <source>红线:</source>
        <translation>Red lines: </translation>
    </message>
    <message>
        <location filename="../../simulator/ui/start_page.py" line="388" />
        <source>买家的事:</source>
        <translation>The buyer's case: </translation>
    </message>
</context>
<context>
    <name>StateDiagramView</name>
    <message>
        <location filename="../../simulator/ui/studio_diagram.py" line="51" />
        <source>粗框:初始状态 · 灰底:结束状态 · 黄底:试玩中的当前状态 · 红框:到不了的状态 · 橙色虚框:走不出去的状态 · 蓝线:回到前面的转换 · 箭头旁:事件 [条件]</source>
        <translation>Bold: initial state · grey: end states · yellow: the playtest's current state · red: unreachable · dashed orange: no way out · blue: transitions back · beside an arrow: event [condition]</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/studio_diagram.py" line="117" />
        <source>到不了</source>
        <translation>unreachable</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/studio_diagram.py" line="119" />
        <source>走不出去</source>
        <translation>no way out</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/studio_diagram.py" line="211" />
        <source>任何状态 →</source>
        <translation>From any state →</translation>
    </message>
</context>
<context>
    <name>StudioEditor</name>
    <message>
        <location filename="../../simulator/ui/studio_editor.py" line="69" />
        <source>买家</source>
        <translation>Buyer</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/studio_editor.py" line="69" />
        <source>场景</source>
        <translation>Scenario</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/studio_editor.py" line="69" />
        <source>评分表</source>
        <translation>Rubric</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/studio_editor.py" line="69" />
        <source>技巧目录</source>
        <translation>Technique catalogue</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/studio_editor.py" line="73" />
        <source>新建场景…</source>
        <translation>New scenario…</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/studio_editor.py" line="74" />
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/studio_editor.py" line="75" />
        <source>撤销</source>
        <translation>Undo</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/studio_editor.py" line="163" />
        <source>共用细则</source>
        <translation>Shared rubric</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/studio_editor.py" line="168" />
        <source>技巧与识别规则</source>
        <translation>Techniques and detection rules</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/studio_editor.py" line="169" />
        <source>词类</source>
        <translation>Word classes</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/studio_editor.py" line="170" />
        <source>数字与说法</source>
        <translation>How numbers are read</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/studio_editor.py" line="209" />
        <source>没有保存的修改</source>
        <translation>Unsaved changes</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/studio_editor.py" line="209" />
        <source>这个文件的修改还没有保存,放弃这些修改吗?</source>
        <translation>This file has changes that are not saved. Discard them?</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/studio_editor.py" line="217" />
        <location filename="../../simulator/ui/studio_editor.py" line="452" />
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/studio_editor.py" line="218" />
        <source>英文名</source>
        <translation>English name</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/studio_editor.py" line="219" />
        <source>一句话描述</source>
        <translation>One-line description</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/studio_editor.py" line="220" />
        <source>难度 1–5</source>
        <translation>Difficulty 1–5</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/studio_editor.py" line="221" />
        <source>旺旺名</source>
        <translation>Chat name</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/studio_editor.py" line="222" />
        <source>耐心秒数</source>
        <translation>Patience (s)</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/studio_editor.py" line="223" />
        <source>离开秒数</source>
        <translation>Leaves after (s)</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/studio_editor.py" line="224" />
        <source>店铺</source>
        <translation>Shop</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/studio_editor.py" line="225" />
        <source>商品全名</source>
        <translation>Full product name</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/studio_editor.py" line="226" />
        <source>商品类别({kind})</source>
        <translation>Product kind ({kind})</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/studio_editor.py" line="227" />
        <source>页面价</source>
        <translation>Page price</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/studio_editor.py" line="228" />
        <source>最低价</source>
        <translation>Floor price</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/studio_editor.py" line="229" />
        <source>给谁买</source>
        <translation>Buying for</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/studio_editor.py" line="230" />
        <source>售后问题</source>
        <translation>After-sale problem</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/studio_editor.py" line="231" />
        <source>买家的要求</source>
        <translation>Buyer's demand</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/studio_editor.py" line="232" />
        <source>买家的期限</source>
        <translation>Buyer's deadline</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/studio_editor.py" line="233" />
        <source>及格线</source>
        <translation>Pass mark</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/studio_editor.py" line="234" />
        <source>技巧目标数</source>
        <translation>Technique target</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/studio_editor.py" line="235" />
        <source>应当讲价(true/false)</source>
        <translation>Bargaining expected (true/false)</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/studio_editor.py" line="236" />
        <source>版本</source>
        <translation>Version</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/studio_editor.py" line="238" />
        <source>权重 · %1</source>
        <translation>Weight · %1</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/studio_editor.py" line="256" />
        <source>不填则沿用共用细则</source>
        <translation>Empty: the shared rubric's value</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/studio_editor.py" line="280" />
        <source>权重(合计 100)</source>
        <translation>Weights (total 100)</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/studio_editor.py" line="308" />
        <source>检查中…</source>
        <translation>Checking…</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/studio_editor.py" line="322" />
        <source>第 %1 行:</source>
        <translation>Line %1: </translation>
    </message>
    <message>
        <location filename="../../simulator/ui/studio_editor.py" line="329" />
        <source>✓ 没有问题</source>
        <translation>✓ No problems</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/studio_editor.py" line="331" />
        <source>(保存后,识别规则在下次启动软件时生效)</source>
        <translation> (once saved, the rules apply from the next start)</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/studio_editor.py" line="335" />
        <source>%1 处问题,修好后才能保存</source>
        <translation>%1 problem(s): fix them to save</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/studio_editor.py" line="422" />
        <source>(新)</source>
        <translation>(new)</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/studio_editor.py" line="428" />
        <source>编号只能用小写字母、数字和下划线,并以字母开头</source>
        <translation>An id may use only lower-case letters, digits and _, and starts with a letter</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/studio_editor.py" line="430" />
        <source>已经有这个编号的场景:%1</source>
        <translation>A scenario with this id exists already: %1</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/studio_editor.py" line="432" />
        <source>请填写场景名称</source>
        <translation>Give the scenario a name</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/studio_editor.py" line="434" />
        <source>找不到模板场景:%1</source>
        <translation>Template scenario not found: %1</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/studio_editor.py" line="439" />
        <source>新建场景</source>
        <translation>New scenario</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/studio_editor.py" line="451" />
        <source>编号(文件名)</source>
        <translation>Id (file name)</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/studio_editor.py" line="453" />
        <source>从这个场景开始</source>
        <translation>Start from this scenario</translation>
    </message>
</context>
<context>
    <name>StudioPage</name>
    <message>
        <source>保存</source>
        <translation type="vanished">Save</translation>
    </message>
    <message>
        <source>撤销</source>
        <translation type="vanished">Undo</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/studio_page.py" line="69" />
        <source>返回</source>
        <translation>Back</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/studio_page.py" line="67" />
        <source>导出包…</source>
        <translation>Export pack…</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/studio_page.py" line="68" />
        <source>导入包…</source>
        <translation>Import pack…</translation>
    </message>
    <message>
        <source>买家</source>
        <translation type="vanished">Buyer</translation>
    </message>
    <message>
        <source>粗框:初始状态 · 灰底:结束状态 · 黄底:试玩中的当前状态 · 红框:到不了的状态 · 橙色虚框:走不出去的状态</source>
        <translation type="vanished">Bold: initial state · grey: end state · yellow: the playtest's state · red: unreachable · dashed orange: no way out</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/studio_page.py" line="75" />
        <source>重新开始</source>
        <translation>Restart</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/studio_page.py" line="76" />
        <source>存为测试</source>
        <translation>Save as test</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/studio_page.py" line="77" />
        <source>运行测试</source>
        <translation>Run tests</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/studio_page.py" line="78" />
        <source>测试覆盖</source>
        <translation>Test coverage</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/studio_page.py" line="85" />
        <source>以客服身份输入,回车发送</source>
        <translation>Type as the agent; Enter sends</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/studio_page.py" line="86" />
        <source>发送</source>
        <translation>Send</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/studio_page.py" line="88" />
        <source>场景</source>
        <translation>Scenario</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/studio_page.py" line="107" />
        <source>状态图</source>
        <translation>State diagram</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/studio_page.py" line="108" />
        <source>试玩</source>
        <translation>Playtest</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/studio_page.py" line="109" />
        <source>识别工作台</source>
        <translation>Detector workbench</translation>
    </message>
    <message>
        <source>第 %1 行:</source>
        <translation type="vanished">Line %1: </translation>
    </message>
    <message>
        <source>✓ 没有问题</source>
        <translation type="vanished">✓ No problems</translation>
    </message>
    <message>
        <source>%1 处问题,修好后才能保存</source>
        <translation type="vanished">%1 problem(s): fix them to save</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/studio_page.py" line="180" />
        <source>导出买家包</source>
        <translation>Export buyer pack</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/studio_page.py" line="185" />
        <source>已导出:</source>
        <translation>Exported: </translation>
    </message>
    <message>
        <location filename="../../simulator/ui/studio_page.py" line="194" />
        <location filename="../../simulator/ui/studio_page.py" line="212" />
        <source>导入买家包</source>
        <translation>Import buyer pack</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/studio_page.py" line="199" />
        <source>包里的文件和现有的完全一样</source>
        <translation>The pack's files are the same as the ones here</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/studio_page.py" line="200" />
        <source>不能导入</source>
        <translation>Cannot import</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/studio_page.py" line="202" />
        <source>新增</source>
        <translation>Add</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/studio_page.py" line="202" />
        <source>替换</source>
        <translation>Replace</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/studio_page.py" line="209" />
        <source>检查通过(%1 个测试全部通过)。将要:</source>
        <translation>Checked (all %1 tests pass). It will:</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/studio_page.py" line="216" />
        <source>已导入:</source>
        <translation>Imported: </translation>
    </message>
    <message>
        <location filename="../../simulator/ui/studio_page.py" line="247" />
        <source>试玩:%1</source>
        <translation>Playtest: %1</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/studio_page.py" line="262" />
        <source>识别到:</source>
        <translation>Found: </translation>
    </message>
    <message>
        <location filename="../../simulator/ui/studio_page.py" line="282" />
        <source>已存为测试:</source>
        <translation>Saved as a test: </translation>
    </message>
    <message>
        <location filename="../../simulator/ui/studio_page.py" line="304" />
        <source>%1 个通过,%2 个失败</source>
        <translation>%1 passed, %2 failed</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/studio_page.py" line="319" />
        <source>这个买家还没有测试</source>
        <translation>This buyer has no tests yet</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/studio_page.py" line="324" />
        <source>测试覆盖:反应 %1/%2,状态转换 %3/%4</source>
        <translation>Test coverage: reactions %1/%2, transitions %3/%4</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/studio_page.py" line="332" />
        <source>没有测试走过:第 %1 行 %2 → %3</source>
        <translation>No test takes: line %1, %2 → %3</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/studio_page.py" line="339" />
        <source>没有测试触发:第 %1 行 %2 的反应</source>
        <translation>No test sets off: line %1, the %2 reaction</translation>
    </message>
</context>
<context>
    <name>application</name>
    <message>
        <location filename="../../simulator/ui/application.py" line="93" />
        <source>无法移开损坏的文件</source>
        <translation>The damaged file could not be moved aside</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/application.py" line="98" />
        <source>已新建记录文件,损坏的旧文件保留为 %1</source>
        <translation>A fresh record file was started; the damaged one is kept as %1</translation>
    </message>
    <message>
        <location filename="../../simulator/ui/application.py" line="105" />
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
        <location filename="../../simulator/ui/application.py" line="111" />
        <source>记录文件损坏</source>
        <translation>Damaged record file</translation>
    </message>
</context>
</TS>