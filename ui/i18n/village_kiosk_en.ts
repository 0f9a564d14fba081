<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>BenefitsScreen</name>
    <message>
        <location filename="../qml/VillageKiosk/BenefitsScreen.qml" line="17"/>
        <source>%1 的补贴</source>
        <translation>%1&apos;s benefits</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/BenefitsScreen.qml" line="31"/>
        <source>打印凭条</source>
        <translation>Print receipt</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/BenefitsScreen.qml" line="39"/>
        <source>我要投诉</source>
        <translation>Make a complaint</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/BenefitsScreen.qml" line="46"/>
        <source>我的投诉</source>
        <translation>My complaints</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/BenefitsScreen.qml" line="53"/>
        <source>通知公告</source>
        <translation>Notices</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/BenefitsScreen.qml" line="104"/>
        <source>身份证 %1</source>
        <translation>ID card %1</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/BenefitsScreen.qml" line="147"/>
        <source>大写：%1</source>
        <translation>In words: %1</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/BenefitsScreen.qml" line="181"/>
        <source>没有查到发给您的补贴。
如果您认为应该有，可以点“我要投诉”，或拨打 12388。</source>
        <translation>No benefits paid to you were found.
If you think there should be, tap &quot;Make a complaint&quot; or call 12388.</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/BenefitsScreen.qml" line="193"/>
        <source>数据更新于 %1</source>
        <translation>Data as of %1</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/BenefitsScreen.qml" line="233"/>
        <source>政策说明 ›</source>
        <translation>Policy ›</translation>
    </message>
</context>
<context>
    <name>ClerkScreen</name>
    <message>
        <location filename="../qml/VillageKiosk/ClerkScreen.qml" line="17"/>
        <source>管理员</source>
        <translation>Clerk</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/ClerkScreen.qml" line="30"/>
        <source>请输入管理密码</source>
        <translation>Enter the clerk PIN</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/ClerkScreen.qml" line="117"/>
        <source>测试打印</source>
        <translation>Test print</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/ClerkScreen.qml" line="118"/>
        <source>立即同步</source>
        <translation>Sync now</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/ClerkScreen.qml" line="121"/>
        <source>屏幕亮度 %1%</source>
        <translation>Brightness %1%</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/ClerkScreen.qml" line="122"/>
        <source>屏幕亮度：本机不能调节</source>
        <translation>Brightness: not adjustable here</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/ClerkScreen.qml" line="131"/>
        <source>暗一点</source>
        <translation>Darker</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/ClerkScreen.qml" line="132"/>
        <source>亮一点</source>
        <translation>Brighter</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/ClerkScreen.qml" line="134"/>
        <source>刷新状态</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/ClerkScreen.qml" line="135"/>
        <source>退出管理</source>
        <translation>Leave clerk screen</translation>
    </message>
</context>
<context>
    <name>ComplaintQueryScreen</name>
    <message>
        <location filename="../qml/VillageKiosk/ComplaintQueryScreen.qml" line="19"/>
        <source>查询投诉</source>
        <translation>Follow a complaint</translation>
    </message>
    <message>
        <source>请输入回执上的“投诉受理号”（本机的编号只要输后面的数字）：</source>
        <translation type="vanished">Enter the complaint number from the receipt (for this terminal&apos;s, only the digits at the end):</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/ComplaintQueryScreen.qml" line="68"/>
        <source>请输入回执上的投诉受理号（本机的只输数字）：</source>
        <translation>Enter the complaint number from the receipt (this terminal&apos;s: digits only):</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/ComplaintQueryScreen.qml" line="75"/>
        <source>下一步</source>
        <translation>Next</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/ComplaintQueryScreen.qml" line="106"/>
        <source>投诉受理号：%1</source>
        <translation>Complaint number: %1</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/ComplaintQueryScreen.qml" line="107"/>
        <source>请输入回执上的6位“查询码”：</source>
        <translation>Enter the 6-digit query code from the receipt:</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/ComplaintQueryScreen.qml" line="111"/>
        <source>改受理号</source>
        <translation>Change number</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/ComplaintQueryScreen.qml" line="119"/>
        <source>查询</source>
        <translation>Look up</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/ComplaintQueryScreen.qml" line="131"/>
        <source>正在向县里查询，请稍等……</source>
        <translation>Asking the county, please wait…</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/ComplaintQueryScreen.qml" line="143"/>
        <source>投诉受理号 %1</source>
        <translation>Complaint number %1</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/ComplaintQueryScreen.qml" line="154"/>
        <source>答复（%1）：%2</source>
        <translation>Reply (%1): %2</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/ComplaintQueryScreen.qml" line="155"/>
        <source>还没有答复。办理有了结果，这里会显示答复。</source>
        <translation>No reply yet. When the complaint has been handled, the reply shows here.</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/ComplaintQueryScreen.qml" line="168"/>
        <source>再查一件</source>
        <translation>Look up another</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/ComplaintQueryScreen.qml" line="175"/>
        <source>完成，退出</source>
        <translation>Done, exit</translation>
    </message>
</context>
<context>
    <name>ComplaintScreen</name>
    <message>
        <location filename="../qml/VillageKiosk/ComplaintScreen.qml" line="13"/>
        <source>第 1 步：您要反映哪方面的问题？</source>
        <translation>Step 1: What is your complaint about?</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/ComplaintScreen.qml" line="14"/>
        <source>第 2 步：是什么问题？</source>
        <translation>Step 2: What is the problem?</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/ComplaintScreen.qml" line="15"/>
        <source>第 3 步：想说的话（可以不写）</source>
        <translation>Step 3: What you want to say (optional)</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/ComplaintScreen.qml" line="16"/>
        <source>第 4 步：留个电话（可以不留）</source>
        <translation>Step 4: Your phone number (optional)</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/ComplaintScreen.qml" line="17"/>
        <source>第 5 步：留不留名字？</source>
        <translation>Step 5: Leave your name?</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/ComplaintScreen.qml" line="18"/>
        <source>第 6 步：请确认</source>
        <translation>Step 6: Please check</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/ComplaintScreen.qml" line="19"/>
        <source>已经提交</source>
        <translation>Submitted</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/ComplaintScreen.qml" line="26"/>
        <source>我要投诉</source>
        <translation>Make a complaint</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/ComplaintScreen.qml" line="143"/>
        <source>写好了，下一步</source>
        <translation>Done, next</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/ComplaintScreen.qml" line="165"/>
        <source>点这里，用下面的拼音键盘写。也可以不写，直接点“下一步”。</source>
        <translation>Tap here and type with the pinyin keyboard below. You may also leave it empty and tap &quot;Next&quot;.</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/ComplaintScreen.qml" line="188"/>
        <source>留了电话，县纪委可以打电话问您情况。</source>
        <translation>With a phone number, the county discipline office can call you about it.</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/ComplaintScreen.qml" line="204"/>
        <source>（没有填）</source>
        <translation>(none)</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/ComplaintScreen.qml" line="225"/>
        <source>不留电话</source>
        <translation>No phone number</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/ComplaintScreen.qml" line="231"/>
        <source>下一步</source>
        <translation>Next</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/ComplaintScreen.qml" line="249"/>
        <location filename="../qml/VillageKiosk/ComplaintScreen.qml" line="277"/>
        <source>留名字（实名）</source>
        <translation>Leave my name</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/ComplaintScreen.qml" line="250"/>
        <source>县纪委能把处理结果告诉您。您的名字只给纪委看。下次刷身份证就能看到回复。</source>
        <translation>The discipline office can tell you the outcome. Only they see your name. Lay your ID card on the reader next time to see the reply.</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/ComplaintScreen.qml" line="257"/>
        <location filename="../qml/VillageKiosk/ComplaintScreen.qml" line="277"/>
        <source>不留名字（匿名）</source>
        <translation>Anonymous</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/ComplaintScreen.qml" line="258"/>
        <source>谁也不知道是您反映的，但在这台机器上看不到回复。</source>
        <translation>Nobody knows it was you, but the reply cannot be shown on this machine.</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/ComplaintScreen.qml" line="268"/>
        <source>关于</source>
        <translation>About</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/ComplaintScreen.qml" line="269"/>
        <source>问题</source>
        <translation>Problem</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/ComplaintScreen.qml" line="270"/>
        <source>内容</source>
        <translation>Text</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/ComplaintScreen.qml" line="270"/>
        <source>（没有写）</source>
        <translation>(none)</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/ComplaintScreen.qml" line="273"/>
        <source>录音</source>
        <translation>Recording</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/ComplaintScreen.qml" line="274"/>
        <source>有，%1 秒</source>
        <translation>Yes, %1 s</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/ComplaintScreen.qml" line="276"/>
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/ComplaintScreen.qml" line="276"/>
        <source>（没有留）</source>
        <translation>(none)</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/ComplaintScreen.qml" line="277"/>
        <source>名字</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/ComplaintScreen.qml" line="284"/>
        <source>确认提交</source>
        <translation>Submit</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/ComplaintScreen.qml" line="301"/>
        <source>您的投诉编号</source>
        <translation>Your complaint number</translation>
    </message>
    <message>
        <source>您的投诉已经登记。</source>
        <translation type="vanished">Your complaint has been registered.</translation>
    </message>
    <message>
        <source>投诉编号</source>
        <translation type="vanished">Complaint number</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/ComplaintScreen.qml" line="325"/>
        <source>查询码（请保管好）</source>
        <translation>Query code (keep it safe)</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/ComplaintScreen.qml" line="348"/>
        <source>请记下或用手机拍下编号和查询码，查询码不要给别人看。凭这两个号，在本县任何一台机器点“查询投诉”就能看进度和答复，不用身份证。也可以拨打 12388 反映。</source>
        <translation>Write down or photograph the number and the query code; show the code to nobody. With both, tap “Follow a complaint” on any terminal of the county to see the progress and the reply, no ID card needed. You can also call 12388.</translation>
    </message>
    <message>
        <source>您的投诉已经登记。投诉编号是：</source>
        <translation type="vanished">Your complaint is filed. Its number is:</translation>
    </message>
    <message>
        <source>请记下或用手机拍下这个编号。也可以拨打 12388 反映。</source>
        <translation type="vanished">Write the number down or take a photo of it. You can also call 12388.</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/ComplaintScreen.qml" line="362"/>
        <source>打印投诉回执</source>
        <translation>Print complaint receipt</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/ComplaintScreen.qml" line="369"/>
        <source>完成，退出</source>
        <translation>Done, exit</translation>
    </message>
</context>
<context>
    <name>DemoControl</name>
    <message>
        <location filename="../qml/VillageKiosk/DemoControl.qml" line="17"/>
        <source>演示：身份证</source>
        <translation>Demo: ID cards</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/DemoControl.qml" line="26"/>
        <source>选一位村民，把他的身份证放到读卡器上。管理员密码：%1</source>
        <translation>Pick a villager and lay their ID card on the reader. Clerk PIN: %1</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/DemoControl.qml" line="67"/>
        <source>放卡</source>
        <translation>Lay card</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/DemoControl.qml" line="74"/>
        <source>取卡</source>
        <translation>Lift card</translation>
    </message>
</context>
<context>
    <name>DetailScreen</name>
    <message>
        <location filename="../qml/VillageKiosk/DetailScreen.qml" line="40"/>
        <source>发放部门</source>
        <translation>Paid by</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/DetailScreen.qml" line="41"/>
        <source>补贴标准</source>
        <translation>Standard</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/DetailScreen.qml" line="42"/>
        <source>政策说明</source>
        <translation>Policy</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/DetailScreen.qml" line="47"/>
        <source>对这项补贴有疑问，我要投诉</source>
        <translation>Complain about this benefit</translation>
    </message>
</context>
<context>
    <name>Keypad</name>
    <message>
        <location filename="../qml/VillageKiosk/Keypad.qml" line="8"/>
        <source>确定</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/Keypad.qml" line="26"/>
        <source>删除</source>
        <translation>Delete</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <location filename="../qml/VillageKiosk/Main.qml" line="16"/>
        <source>惠民惠农补贴查询</source>
        <translation>Rural benefits lookup</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/Main.qml" line="30"/>
        <source>%1 便民服务站</source>
        <translation>%1 Service Station</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/Main.qml" line="30"/>
        <source>便民服务站</source>
        <translation>Service Station</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/Main.qml" line="64"/>
        <source>字小一点</source>
        <translation>Smaller text</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/Main.qml" line="64"/>
        <source>字大一点</source>
        <translation>Larger text</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/Main.qml" line="109"/>
        <source>没有读到身份证</source>
        <translation>The ID card was not read</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/Main.qml" line="118"/>
        <source>暂停服务</source>
        <translation>Out of service</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/Main.qml" line="153"/>
        <source>还在吗？%1 秒后自动退出，保护您的信息。</source>
        <translation>Still there? Leaving in %1 s to protect your information.</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/Main.qml" line="167"/>
        <source>我还在，继续</source>
        <translation>I&apos;m here, go on</translation>
    </message>
</context>
<context>
    <name>MessageScreen</name>
    <message>
        <location filename="../qml/VillageKiosk/MessageScreen.qml" line="44"/>
        <source>知道了</source>
        <translation>OK</translation>
    </message>
</context>
<context>
    <name>MyComplaintsScreen</name>
    <message>
        <location filename="../qml/VillageKiosk/MyComplaintsScreen.qml" line="16"/>
        <source>我的投诉</source>
        <translation>My complaints</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/MyComplaintsScreen.qml" line="26"/>
        <source>您还没有用这张身份证留名字投诉过。
不留名字的投诉，在这里看不到。</source>
        <translation>You have made no complaint with your name using this ID card.
Anonymous complaints are not shown here.</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/MyComplaintsScreen.qml" line="56"/>
        <source>编号 %1 · %2</source>
        <translation>No. %1 · %2</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/MyComplaintsScreen.qml" line="75"/>
        <source>回复（%1）：%2</source>
        <translation>Reply (%1): %2</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/MyComplaintsScreen.qml" line="87"/>
        <source>满意</source>
        <translation>Satisfied</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/MyComplaintsScreen.qml" line="92"/>
        <source>不满意</source>
        <translation>Not satisfied</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/MyComplaintsScreen.qml" line="131"/>
        <source>您对哪一点不满意？</source>
        <translation>What are you not satisfied with?</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/MyComplaintsScreen.qml" line="151"/>
        <source>返回，不评价</source>
        <translation>Back, no rating</translation>
    </message>
</context>
<context>
    <name>NoticesScreen</name>
    <message>
        <location filename="../qml/VillageKiosk/NoticesScreen.qml" line="17"/>
        <source>通知内容</source>
        <translation>Notice</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/NoticesScreen.qml" line="17"/>
        <source>通知公告</source>
        <translation>Notices</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/NoticesScreen.qml" line="45"/>
        <source>这一类现在没有通知。</source>
        <translation>No notices of this kind now.</translation>
    </message>
</context>
<context>
    <name>PrintScreen</name>
    <message>
        <location filename="../qml/VillageKiosk/PrintScreen.qml" line="15"/>
        <source>打印凭条</source>
        <translation>Print receipt</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/PrintScreen.qml" line="27"/>
        <source>✓ 打印好了</source>
        <translation>✓ Printed</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/PrintScreen.qml" line="28"/>
        <source>打印不了</source>
        <translation>Cannot print</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/PrintScreen.qml" line="28"/>
        <source>正在打印</source>
        <translation>Printing</translation>
    </message>
</context>
<context>
    <name>ReadingScreen</name>
    <message>
        <location filename="../qml/VillageKiosk/ReadingScreen.qml" line="13"/>
        <source>正在读卡，请不要移动身份证……</source>
        <translation>Reading the card, please do not move it…</translation>
    </message>
</context>
<context>
    <name>SpeakerButton</name>
    <message>
        <location filename="../qml/VillageKiosk/SpeakerButton.qml" line="14"/>
        <source>■ 停止朗读</source>
        <translation>■ Stop reading</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/SpeakerButton.qml" line="14"/>
        <source>▶ 读给我听</source>
        <translation>▶ Read to me</translation>
    </message>
</context>
<context>
    <name>TopBar</name>
    <message>
        <location filename="../qml/VillageKiosk/TopBar.qml" line="24"/>
        <source>‹ 返回</source>
        <translation>‹ Back</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/TopBar.qml" line="41"/>
        <source>结束，退出</source>
        <translation>Finish, exit</translation>
    </message>
</context>
<context>
    <name>VoicePanel</name>
    <message>
        <location filename="../qml/VillageKiosk/VoicePanel.qml" line="20"/>
        <source>说出您的问题</source>
        <translation>Say your problem</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/VoicePanel.qml" line="22"/>
        <source>点一下开始说，最多说一分钟</source>
        <translation>Tap and speak, up to one minute</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/VoicePanel.qml" line="32"/>
        <source>■ 说完了</source>
        <translation>■ Done speaking</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/VoicePanel.qml" line="54"/>
        <source>正在保存录音……</source>
        <translation>Saving the recording…</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/VoicePanel.qml" line="64"/>
        <source>正在播放……</source>
        <translation>Playing…</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/VoicePanel.qml" line="64"/>
        <source>▶ 听一遍</source>
        <translation>▶ Listen to it</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/VoicePanel.qml" line="65"/>
        <source>录音 %1 秒</source>
        <translation>Recording: %1 s</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/VoicePanel.qml" line="71"/>
        <source>重新录</source>
        <translation>Record again</translation>
    </message>
</context>
<context>
    <name>WelcomeScreen</name>
    <message>
        <location filename="../qml/VillageKiosk/WelcomeScreen.qml" line="19"/>
        <source>惠民惠农补贴 查询</source>
        <translation>Rural benefits lookup</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/WelcomeScreen.qml" line="43"/>
        <source>读卡区</source>
        <translation>Card reader</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/WelcomeScreen.qml" line="62"/>
        <source>身份证</source>
        <translation>ID card</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/WelcomeScreen.qml" line="80"/>
        <source>请将身份证放在读卡区</source>
        <translation>Lay your ID card on the reader</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/WelcomeScreen.qml" line="117"/>
        <source>数据更新于 %1</source>
        <translation>Data as of %1</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/WelcomeScreen.qml" line="141"/>
        <source>看通知公告</source>
        <translation>Notices</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/WelcomeScreen.qml" line="142"/>
        <source>不用身份证</source>
        <translation>No ID card needed</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/WelcomeScreen.qml" line="147"/>
        <source>查询投诉</source>
        <translation>Follow a complaint</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/WelcomeScreen.qml" line="148"/>
        <source>凭受理号和查询码，不用身份证</source>
        <translation>With number and query code, no ID card</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/WelcomeScreen.qml" line="166"/>
        <source>通知：</source>
        <translation>Notices: </translation>
    </message>
</context>
</TS>
