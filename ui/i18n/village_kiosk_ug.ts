<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ug" sourcelanguage="zh_CN">
<context>
    <name>BenefitsScreen</name>
    <message>
        <location filename="../qml/VillageKiosk/BenefitsScreen.qml" line="17"/>
        <source>%1 的补贴</source>
        <translation>⁦%1⁩ نىڭ ياردەم پۇلى</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/BenefitsScreen.qml" line="31"/>
        <source>打印凭条</source>
        <translation>تالون بېسىش</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/BenefitsScreen.qml" line="39"/>
        <source>我要投诉</source>
        <translation>ئەرز قىلىش</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/BenefitsScreen.qml" line="46"/>
        <source>我的投诉</source>
        <translation>ئەرزلىرىم</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/BenefitsScreen.qml" line="53"/>
        <source>通知公告</source>
        <translation>ئۇقتۇرۇشلار</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/BenefitsScreen.qml" line="104"/>
        <source>身份证 %1</source>
        <translation>كىملىك ⁦%1⁩</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/BenefitsScreen.qml" line="147"/>
        <source>大写：%1</source>
        <translation>خەت بىلەن: ⁦%1⁩</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/BenefitsScreen.qml" line="181"/>
        <source>没有查到发给您的补贴。
如果您认为应该有，可以点“我要投诉”，或拨打 12388。</source>
        <translation>سىزگە بېرىلگەن ياردەم پۇلى تېپىلمىدى.
بولۇشى كېرەك دەپ قارىسىڭىز، «ئەرز قىلىش» نى بېسىڭ ياكى 12388 گە تېلېفون قىلىڭ.</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/BenefitsScreen.qml" line="193"/>
        <source>数据更新于 %1</source>
        <translation>سانلىق مەلۇمات ⁦%1⁩ دە يېڭىلاندى</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/BenefitsScreen.qml" line="233"/>
        <source>政策说明 ›</source>
        <translation>سىياسەت ›</translation>
    </message>
</context>
<context>
    <name>ClerkScreen</name>
    <message>
        <location filename="../qml/VillageKiosk/ClerkScreen.qml" line="17"/>
        <source>管理员</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/ClerkScreen.qml" line="30"/>
        <source>请输入管理密码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/ClerkScreen.qml" line="117"/>
        <source>测试打印</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/ClerkScreen.qml" line="118"/>
        <source>立即同步</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/ClerkScreen.qml" line="121"/>
        <source>屏幕亮度 %1%</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/ClerkScreen.qml" line="122"/>
        <source>屏幕亮度：本机不能调节</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/ClerkScreen.qml" line="131"/>
        <source>暗一点</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/ClerkScreen.qml" line="132"/>
        <source>亮一点</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/ClerkScreen.qml" line="134"/>
        <source>刷新状态</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/ClerkScreen.qml" line="135"/>
        <source>退出管理</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ComplaintQueryScreen</name>
    <message>
        <location filename="../qml/VillageKiosk/ComplaintQueryScreen.qml" line="19"/>
        <source>查询投诉</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/ComplaintQueryScreen.qml" line="68"/>
        <source>请输入回执上的投诉受理号（本机的只输数字）：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/ComplaintQueryScreen.qml" line="75"/>
        <source>下一步</source>
        <translation type="unfinished">كېيىنكى</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/ComplaintQueryScreen.qml" line="106"/>
        <source>投诉受理号：%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/ComplaintQueryScreen.qml" line="107"/>
        <source>请输入回执上的6位“查询码”：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/ComplaintQueryScreen.qml" line="111"/>
        <source>改受理号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/ComplaintQueryScreen.qml" line="119"/>
        <source>查询</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/ComplaintQueryScreen.qml" line="131"/>
        <source>正在向县里查询，请稍等……</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/ComplaintQueryScreen.qml" line="143"/>
        <source>投诉受理号 %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/ComplaintQueryScreen.qml" line="154"/>
        <source>答复（%1）：%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/ComplaintQueryScreen.qml" line="155"/>
        <source>还没有答复。办理有了结果，这里会显示答复。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/ComplaintQueryScreen.qml" line="168"/>
        <source>再查一件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/ComplaintQueryScreen.qml" line="175"/>
        <source>完成，退出</source>
        <translation type="unfinished">تامام، چىقىش</translation>
    </message>
</context>
<context>
    <name>ComplaintScreen</name>
    <message>
        <location filename="../qml/VillageKiosk/ComplaintScreen.qml" line="13"/>
        <source>第 1 步：您要反映哪方面的问题？</source>
        <translation>1-قەدەم: قايسى ئىش توغرىسىدا ئەرز قىلىسىز؟</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/ComplaintScreen.qml" line="14"/>
        <source>第 2 步：是什么问题？</source>
        <translation>2-قەدەم: قانداق مەسىلە؟</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/ComplaintScreen.qml" line="15"/>
        <source>第 3 步：想说的话（可以不写）</source>
        <translation>3-قەدەم: دېمەكچى بولغان سۆزىڭىز (يازمىسىڭىزمۇ بولىدۇ)</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/ComplaintScreen.qml" line="16"/>
        <source>第 4 步：留个电话（可以不留）</source>
        <translation>4-قەدەم: تېلېفون نومۇرىڭىز (قالدۇرمىسىڭىزمۇ بولىدۇ)</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/ComplaintScreen.qml" line="17"/>
        <source>第 5 步：留不留名字？</source>
        <translation>5-قەدەم: ئىسمىڭىزنى قالدۇرامسىز؟</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/ComplaintScreen.qml" line="18"/>
        <source>第 6 步：请确认</source>
        <translation>6-قەدەم: جەزملەڭ</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/ComplaintScreen.qml" line="19"/>
        <source>已经提交</source>
        <translation>يوللاندى</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/ComplaintScreen.qml" line="26"/>
        <source>我要投诉</source>
        <translation>ئەرز قىلىش</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/ComplaintScreen.qml" line="143"/>
        <source>写好了，下一步</source>
        <translation>بولدى، كېيىنكى</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/ComplaintScreen.qml" line="165"/>
        <source>点这里，用下面的拼音键盘写。也可以不写，直接点“下一步”。</source>
        <translation>بۇ يەرنى بېسىپ، ئاستىدىكى كۇنۇپكا تاختىسى بىلەن يېزىڭ. يازمايلا «كېيىنكى» نى باسسىڭىزمۇ بولىدۇ.</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/ComplaintScreen.qml" line="188"/>
        <source>留了电话，县纪委可以打电话问您情况。</source>
        <translation>تېلېفون قالدۇرسىڭىز، ناھىيەلىك ئىنتىزام تەكشۈرۈش كومىتېتى سىزدىن ئەھۋال سورىيالايدۇ.</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/ComplaintScreen.qml" line="204"/>
        <source>（没有填）</source>
        <translation>(يوق)</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/ComplaintScreen.qml" line="225"/>
        <source>不留电话</source>
        <translation>تېلېفون قالدۇرمايمەن</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/ComplaintScreen.qml" line="231"/>
        <source>下一步</source>
        <translation>كېيىنكى</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/ComplaintScreen.qml" line="249"/>
        <location filename="../qml/VillageKiosk/ComplaintScreen.qml" line="277"/>
        <source>留名字（实名）</source>
        <translation>ئىسمىمنى قالدۇرىمەن</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/ComplaintScreen.qml" line="250"/>
        <source>县纪委能把处理结果告诉您。您的名字只给纪委看。下次刷身份证就能看到回复。</source>
        <translation>بىر تەرەپ قىلىش نەتىجىسىنى سىزگە ئېيتىپ بېرىدۇ. ئىسمىڭىزنى پەقەت ئىنتىزام تەكشۈرۈش كومىتېتى كۆرىدۇ. كېيىن كىملىكىڭىزنى قويسىڭىز جاۋابنى كۆرەلەيسىز.</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/ComplaintScreen.qml" line="257"/>
        <location filename="../qml/VillageKiosk/ComplaintScreen.qml" line="277"/>
        <source>不留名字（匿名）</source>
        <translation>ئىسىمسىز</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/ComplaintScreen.qml" line="258"/>
        <source>谁也不知道是您反映的，但在这台机器上看不到回复。</source>
        <translation>سىزنىڭ ئەرز قىلغانلىقىڭىزنى ھېچكىم بىلمەيدۇ، لېكىن بۇ ماشىنىدا جاۋابنى كۆرگىلى بولمايدۇ.</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/ComplaintScreen.qml" line="268"/>
        <source>关于</source>
        <translation>مەزمۇنى</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/ComplaintScreen.qml" line="269"/>
        <source>问题</source>
        <translation>مەسىلە</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/ComplaintScreen.qml" line="270"/>
        <source>内容</source>
        <translation>سۆز</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/ComplaintScreen.qml" line="270"/>
        <source>（没有写）</source>
        <translation>(يوق)</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/ComplaintScreen.qml" line="273"/>
        <source>录音</source>
        <translation>ئۈن خاتىرىسى</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/ComplaintScreen.qml" line="274"/>
        <source>有，%1 秒</source>
        <translation>بار، ⁦%1⁩ سېكۇنت</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/ComplaintScreen.qml" line="276"/>
        <source>电话</source>
        <translation>تېلېفون</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/ComplaintScreen.qml" line="276"/>
        <source>（没有留）</source>
        <translation>(يوق)</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/ComplaintScreen.qml" line="277"/>
        <source>名字</source>
        <translation>ئىسىم</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/ComplaintScreen.qml" line="284"/>
        <source>确认提交</source>
        <translation>يوللاش</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/ComplaintScreen.qml" line="301"/>
        <source>您的投诉编号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/ComplaintScreen.qml" line="325"/>
        <source>查询码（请保管好）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/ComplaintScreen.qml" line="348"/>
        <source>请记下或用手机拍下编号和查询码，查询码不要给别人看。凭这两个号，在本县任何一台机器点“查询投诉”就能看进度和答复，不用身份证。也可以拨打 12388 反映。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>您的投诉已经登记。投诉编号是：</source>
        <translation type="vanished">ئەرزىڭىز تىزىملاندى. نومۇرى:</translation>
    </message>
    <message>
        <source>请记下或用手机拍下这个编号。也可以拨打 12388 反映。</source>
        <translation type="vanished">بۇ نومۇرنى يېزىۋېلىڭ ياكى تېلېفونىڭىز بىلەن رەسىمگە تارتىۋېلىڭ. 12388 گە تېلېفون قىلسىڭىزمۇ بولىدۇ.</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/ComplaintScreen.qml" line="362"/>
        <source>打印投诉回执</source>
        <translation>ئەرز تالونىنى بېسىش</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/ComplaintScreen.qml" line="369"/>
        <source>完成，退出</source>
        <translation>تامام، چىقىش</translation>
    </message>
</context>
<context>
    <name>DemoControl</name>
    <message>
        <location filename="../qml/VillageKiosk/DemoControl.qml" line="17"/>
        <source>演示：身份证</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/DemoControl.qml" line="26"/>
        <source>选一位村民，把他的身份证放到读卡器上。管理员密码：%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/DemoControl.qml" line="67"/>
        <source>放卡</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/DemoControl.qml" line="74"/>
        <source>取卡</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DetailScreen</name>
    <message>
        <location filename="../qml/VillageKiosk/DetailScreen.qml" line="40"/>
        <source>发放部门</source>
        <translation>تارقاتقان ئورۇن</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/DetailScreen.qml" line="41"/>
        <source>补贴标准</source>
        <translation>ئۆلچىمى</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/DetailScreen.qml" line="42"/>
        <source>政策说明</source>
        <translation>سىياسەت</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/DetailScreen.qml" line="47"/>
        <source>对这项补贴有疑问，我要投诉</source>
        <translation>بۇ ياردەم پۇلى توغرىسىدا ئەرز قىلىش</translation>
    </message>
</context>
<context>
    <name>Keypad</name>
    <message>
        <location filename="../qml/VillageKiosk/Keypad.qml" line="8"/>
        <source>确定</source>
        <translation>جەزملەش</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/Keypad.qml" line="26"/>
        <source>删除</source>
        <translation>ئۆچۈرۈش</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <location filename="../qml/VillageKiosk/Main.qml" line="16"/>
        <source>惠民惠农补贴查询</source>
        <translation>دېھقانلارغا ياردەم پۇلى سۈرۈشتۈرۈش</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/Main.qml" line="30"/>
        <source>%1 便民服务站</source>
        <translation>⁦%1⁩ مۇلازىمەت پونكىتى</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/Main.qml" line="30"/>
        <source>便民服务站</source>
        <translation>مۇلازىمەت پونكىتى</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/Main.qml" line="64"/>
        <source>字小一点</source>
        <translation>كىچىك خەت</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/Main.qml" line="64"/>
        <source>字大一点</source>
        <translation>چوڭ خەت</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/Main.qml" line="109"/>
        <source>没有读到身份证</source>
        <translation>كىملىك ئوقۇلمىدى</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/Main.qml" line="118"/>
        <source>暂停服务</source>
        <translation>مۇلازىمەت توختىتىلدى</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/Main.qml" line="153"/>
        <source>还在吗？%1 秒后自动退出，保护您的信息。</source>
        <translation>بارمۇسىز؟ ئۇچۇرىڭىزنى قوغداش ئۈچۈن ⁦%1⁩ سېكۇنتتىن كېيىن چىقىدۇ.</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/Main.qml" line="167"/>
        <source>我还在，继续</source>
        <translation>بار، داۋاملاشتۇرۇش</translation>
    </message>
</context>
<context>
    <name>MessageScreen</name>
    <message>
        <location filename="../qml/VillageKiosk/MessageScreen.qml" line="44"/>
        <source>知道了</source>
        <translation>بىلدىم</translation>
    </message>
</context>
<context>
    <name>MyComplaintsScreen</name>
    <message>
        <location filename="../qml/VillageKiosk/MyComplaintsScreen.qml" line="16"/>
        <source>我的投诉</source>
        <translation>ئەرزلىرىم</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/MyComplaintsScreen.qml" line="26"/>
        <source>您还没有用这张身份证留名字投诉过。
不留名字的投诉，在这里看不到。</source>
        <translation>بۇ كىملىك بىلەن ئىسىم قالدۇرۇپ ئەرز قىلمىغانسىز.
ئىسىمسىز ئەرزلەر بۇ يەردە كۆرۈنمەيدۇ.</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/MyComplaintsScreen.qml" line="56"/>
        <source>编号 %1 · %2</source>
        <translation>نومۇر ⁦%1⁩ · ⁦%2⁩</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/MyComplaintsScreen.qml" line="75"/>
        <source>回复（%1）：%2</source>
        <translation>جاۋاب (⁦%1⁩): ⁦%2⁩</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/MyComplaintsScreen.qml" line="87"/>
        <source>满意</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/MyComplaintsScreen.qml" line="92"/>
        <source>不满意</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/MyComplaintsScreen.qml" line="131"/>
        <source>您对哪一点不满意？</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/MyComplaintsScreen.qml" line="151"/>
        <source>返回，不评价</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NoticesScreen</name>
    <message>
        <location filename="../qml/VillageKiosk/NoticesScreen.qml" line="17"/>
        <source>通知内容</source>
        <translation>ئۇقتۇرۇش</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/NoticesScreen.qml" line="17"/>
        <source>通知公告</source>
        <translation>ئۇقتۇرۇشلار</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/NoticesScreen.qml" line="45"/>
        <source>这一类现在没有通知。</source>
        <translation>ھازىر بۇ تۈردە ئۇقتۇرۇش يوق.</translation>
    </message>
</context>
<context>
    <name>PrintScreen</name>
    <message>
        <location filename="../qml/VillageKiosk/PrintScreen.qml" line="15"/>
        <source>打印凭条</source>
        <translation>تالون بېسىش</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/PrintScreen.qml" line="27"/>
        <source>✓ 打印好了</source>
        <translation>✓ بېسىلدى</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/PrintScreen.qml" line="28"/>
        <source>打印不了</source>
        <translation>بېسىلمىدى</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/PrintScreen.qml" line="28"/>
        <source>正在打印</source>
        <translation>بېسىۋاتىدۇ</translation>
    </message>
</context>
<context>
    <name>ReadingScreen</name>
    <message>
        <location filename="../qml/VillageKiosk/ReadingScreen.qml" line="13"/>
        <source>正在读卡，请不要移动身份证……</source>
        <translation>كىملىك ئوقۇلۇۋاتىدۇ، قىمىرلاتماڭ…</translation>
    </message>
</context>
<context>
    <name>SpeakerButton</name>
    <message>
        <location filename="../qml/VillageKiosk/SpeakerButton.qml" line="14"/>
        <source>■ 停止朗读</source>
        <translation>■ توختا</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/SpeakerButton.qml" line="14"/>
        <source>▶ 读给我听</source>
        <translation>▶ ئاڭلاش</translation>
    </message>
</context>
<context>
    <name>TopBar</name>
    <message>
        <location filename="../qml/VillageKiosk/TopBar.qml" line="24"/>
        <source>‹ 返回</source>
        <translation>‹ قايتىش</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/TopBar.qml" line="41"/>
        <source>结束，退出</source>
        <translation>تامام، چىقىش</translation>
    </message>
</context>
<context>
    <name>VoicePanel</name>
    <message>
        <location filename="../qml/VillageKiosk/VoicePanel.qml" line="20"/>
        <source>说出您的问题</source>
        <translation>مەسىلىڭىزنى ئېيتىڭ</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/VoicePanel.qml" line="22"/>
        <source>点一下开始说，最多说一分钟</source>
        <translation>بىر بېسىپ سۆزلەڭ، ئەڭ كۆپ بىر مىنۇت</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/VoicePanel.qml" line="32"/>
        <source>■ 说完了</source>
        <translation>■ سۆزلەپ بولدۇم</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/VoicePanel.qml" line="54"/>
        <source>正在保存录音……</source>
        <translation>ئۈن ساقلىنىۋاتىدۇ…</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/VoicePanel.qml" line="64"/>
        <source>正在播放……</source>
        <translation>قويۇلۇۋاتىدۇ…</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/VoicePanel.qml" line="64"/>
        <source>▶ 听一遍</source>
        <translation>▶ بىر ئاڭلاش</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/VoicePanel.qml" line="65"/>
        <source>录音 %1 秒</source>
        <translation>ئۈن خاتىرىسى ⁦%1⁩ سېكۇنت</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/VoicePanel.qml" line="71"/>
        <source>重新录</source>
        <translation>قايتا خاتىرىلەش</translation>
    </message>
</context>
<context>
    <name>WelcomeScreen</name>
    <message>
        <location filename="../qml/VillageKiosk/WelcomeScreen.qml" line="19"/>
        <source>惠民惠农补贴 查询</source>
        <translation>دېھقانلارغا ياردەم پۇلى سۈرۈشتۈرۈش</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/WelcomeScreen.qml" line="43"/>
        <source>读卡区</source>
        <translation>كىملىك قويۇش ئورنى</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/WelcomeScreen.qml" line="62"/>
        <source>身份证</source>
        <translation>كىملىك</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/WelcomeScreen.qml" line="80"/>
        <source>请将身份证放在读卡区</source>
        <translation>كىملىكىڭىزنى ئوقۇغۇچقا قويۇڭ</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/WelcomeScreen.qml" line="117"/>
        <source>数据更新于 %1</source>
        <translation>سانلىق مەلۇمات ⁦%1⁩ دە يېڭىلاندى</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/WelcomeScreen.qml" line="141"/>
        <source>看通知公告</source>
        <translation>ئۇقتۇرۇشلار</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/WelcomeScreen.qml" line="142"/>
        <source>不用身份证</source>
        <translation>كىملىك كېرەك ئەمەس</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/WelcomeScreen.qml" line="147"/>
        <source>查询投诉</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/WelcomeScreen.qml" line="148"/>
        <source>凭受理号和查询码，不用身份证</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/WelcomeScreen.qml" line="166"/>
        <source>通知：</source>
        <translation>ئۇقتۇرۇش: </translation>
    </message>
</context>
</TS>
