<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ug" sourcelanguage="zh_CN">
<context>
    <name></name>
    <message>
        <location filename="../tr.py" line="28"/>
        <source>1月</source>
        <translation>يانۋار</translation>
    </message>
    <message>
        <location filename="../tr.py" line="28"/>
        <source>2月</source>
        <translation>فېۋرال</translation>
    </message>
    <message>
        <location filename="../tr.py" line="28"/>
        <source>3月</source>
        <translation>مارت</translation>
    </message>
    <message>
        <location filename="../tr.py" line="28"/>
        <source>4月</source>
        <translation>ئاپرېل</translation>
    </message>
    <message>
        <location filename="../tr.py" line="29"/>
        <source>5月</source>
        <translation>ماي</translation>
    </message>
    <message>
        <location filename="../tr.py" line="29"/>
        <source>6月</source>
        <translation>ئىيۇن</translation>
    </message>
    <message>
        <location filename="../tr.py" line="29"/>
        <source>7月</source>
        <translation>ئىيۇل</translation>
    </message>
    <message>
        <location filename="../tr.py" line="29"/>
        <source>8月</source>
        <translation>ئاۋغۇست</translation>
    </message>
    <message>
        <location filename="../tr.py" line="30"/>
        <source>9月</source>
        <translation>سېنتەبىر</translation>
    </message>
    <message>
        <location filename="../tr.py" line="30"/>
        <source>10月</source>
        <translation>ئۆكتەبىر</translation>
    </message>
    <message>
        <location filename="../tr.py" line="30"/>
        <source>11月</source>
        <translation>نويابىر</translation>
    </message>
    <message>
        <location filename="../tr.py" line="30"/>
        <source>12月</source>
        <translation>دېكابىر</translation>
    </message>
    <message>
        <location filename="../tr.py" line="31"/>
        <source>星期一</source>
        <translation>دۈشەنبە</translation>
    </message>
    <message>
        <location filename="../tr.py" line="31"/>
        <source>星期二</source>
        <translation>سەيشەنبە</translation>
    </message>
    <message>
        <location filename="../tr.py" line="31"/>
        <source>星期三</source>
        <translation>چارشەنبە</translation>
    </message>
    <message>
        <location filename="../tr.py" line="32"/>
        <source>星期四</source>
        <translation>پەيشەنبە</translation>
    </message>
    <message>
        <location filename="../tr.py" line="32"/>
        <source>星期五</source>
        <translation>جۈمە</translation>
    </message>
    <message>
        <location filename="../tr.py" line="32"/>
        <source>星期六</source>
        <translation>شەنبە</translation>
    </message>
    <message>
        <location filename="../tr.py" line="33"/>
        <source>星期日</source>
        <translation>يەكشەنبە</translation>
    </message>
    <message>
        <location filename="../tr.py" line="58"/>
        <source>{year}年{month}月{day}日</source>
        <translation>⁦{year}⁩-⁠يىلى ⁦{day}⁩-⁠{month_name}</translation>
    </message>
    <message>
        <location filename="../tr.py" line="64"/>
        <source>{year}年{month}月</source>
        <translation>⁦{year}⁩-⁠يىلى {month_name}</translation>
    </message>
    <message>
        <location filename="../tr.py" line="70"/>
        <source>{month}月{day}日</source>
        <translation>⁦{day}⁩-⁠{month_name}</translation>
    </message>
    <message>
        <location filename="../tr.py" line="76"/>
        <source>{date} {weekday}</source>
        <translation>{date}، {weekday}</translation>
    </message>
    <message>
        <location filename="../wording.py" line="38"/>
        <source>没有读到身份证。请把身份证平放在读卡区，不要移动，再试一次。</source>
        <translation>كىملىك ئوقۇلمىدى. كىملىكنى ئوقۇغۇچقا تۈز قويۇڭ، مىدىرلاتماڭ، قايتا سىناڭ.</translation>
    </message>
    <message>
        <location filename="../wording.py" line="39"/>
        <source>这种证件暂时不能查询。请使用第二代居民身份证，或请工作人员帮助。</source>
        <translation>بۇ خىل گۇۋاھنامە بىلەن سۈرۈشتۈرگىلى بولمايدۇ. ئىككىنچى ئەۋلاد كىملىكنى ئىشلىتىڭ ياكى خىزمەتچىدىن ياردەم سوراڭ.</translation>
    </message>
    <message>
        <location filename="../wording.py" line="40"/>
        <source>读卡器暂时不能使用，请告诉村里的工作人员。</source>
        <translation>كارتا ئوقۇغۇچ ھازىر ئىشلىمەيۋاتىدۇ، كەنتتىكى خىزمەتچىگە ئېيتىڭ.</translation>
    </message>
    <message>
        <location filename="../wording.py" line="42"/>
        <source>读卡器没有反应，请把身份证拿起来重新放一下。</source>
        <extracomment>The reader stopped answering while a card lay on it (idcard.timeout).</extracomment>
        <translation>كارتا ئوقۇغۇچ جاۋاب بەرمىدى. كىملىكنى ئېلىپ قايتا قويۇڭ.</translation>
    </message>
    <message>
        <location filename="../wording.py" line="43"/>
        <source>查询服务暂时不能使用，请告诉村里的工作人员。</source>
        <translation>سۈرۈشتۈرۈش مۇلازىمىتى ھازىر ئىشلىمەيۋاتىدۇ، كەنتتىكى خىزمەتچىگە ئېيتىڭ.</translation>
    </message>
    <message>
        <location filename="../wording.py" line="46"/>
        <source>读卡器未启动</source>
        <translation>كارتا ئوقۇغۇچ قوزغىتىلمىدى</translation>
    </message>
    <message>
        <location filename="../wording.py" line="47"/>
        <source>正在连接读卡器</source>
        <translation>كارتا ئوقۇغۇچقا ئۇلىنىۋاتىدۇ</translation>
    </message>
    <message>
        <location filename="../wording.py" line="48"/>
        <source>读卡器正常</source>
        <translation>كارتا ئوقۇغۇچ نورمال</translation>
    </message>
    <message>
        <location filename="../wording.py" line="49"/>
        <source>读卡器正常（有卡）</source>
        <translation>كارتا ئوقۇغۇچ نورمال (كارتا بار)</translation>
    </message>
    <message>
        <location filename="../wording.py" line="50"/>
        <source>正在读卡</source>
        <translation>كارتا ئوقۇلۇۋاتىدۇ</translation>
    </message>
    <message>
        <location filename="../wording.py" line="51"/>
        <source>读卡器没有响应</source>
        <translation>كارتا ئوقۇغۇچ جاۋاب بەرمىدى</translation>
    </message>
    <message>
        <location filename="../wording.py" line="52"/>
        <source>读卡器已断开，正在重新连接</source>
        <translation>كارتا ئوقۇغۇچ ئۈزۈلدى، قايتا ئۇلىنىۋاتىدۇ</translation>
    </message>
    <message>
        <location filename="../wording.py" line="53"/>
        <source>找不到读卡器</source>
        <translation>كارتا ئوقۇغۇچ تېپىلمىدى</translation>
    </message>
    <message>
        <location filename="../wording.py" line="54"/>
        <source>读卡器安全模块故障</source>
        <translation>كارتا ئوقۇغۇچنىڭ بىخەتەرلىك مودۇلىدا كاشىلا بار</translation>
    </message>
    <message>
        <location filename="../wording.py" line="58"/>
        <location filename="../wording.py" line="70"/>
        <source>打印机正常</source>
        <extracomment>The printer&apos;s states as a villager reads them (the clerk&apos;s table above stays Chinese).</extracomment>
        <translation>پرىنتېر نورمال</translation>
    </message>
    <message>
        <location filename="../wording.py" line="59"/>
        <location filename="../wording.py" line="71"/>
        <source>打印纸快用完了</source>
        <translation>پرىنتېر قەغىزى تۈگەي دەپ قالدى</translation>
    </message>
    <message>
        <location filename="../wording.py" line="60"/>
        <location filename="../wording.py" line="72"/>
        <source>打印机没有纸了</source>
        <translation>پرىنتېردا قەغەز قالمىدى</translation>
    </message>
    <message>
        <location filename="../wording.py" line="61"/>
        <location filename="../wording.py" line="73"/>
        <source>打印机盖子没有关好</source>
        <translation>پرىنتېرنىڭ قاپقىقى ياخشى يېپىلمىغان</translation>
    </message>
    <message>
        <location filename="../wording.py" line="62"/>
        <location filename="../wording.py" line="74"/>
        <source>打印机离线</source>
        <translation>پرىنتېر ئۇلانمىغان</translation>
    </message>
    <message>
        <location filename="../wording.py" line="63"/>
        <location filename="../wording.py" line="75"/>
        <source>打印机没有响应</source>
        <translation>پرىنتېر جاۋاب بەرمىدى</translation>
    </message>
    <message>
        <location filename="../wording.py" line="64"/>
        <location filename="../wording.py" line="76"/>
        <source>打印机没有连接</source>
        <translation>پرىنتېر ئۇلانمىغان</translation>
    </message>
    <message>
        <location filename="../wording.py" line="65"/>
        <location filename="../wording.py" line="77"/>
        <source>打印机状态无法查询</source>
        <translation>پرىنتېرنىڭ ھالىتىنى تەكشۈرگىلى بولمايدۇ</translation>
    </message>
    <message>
        <location filename="../wording.py" line="81"/>
        <source>钱没有收到</source>
        <translation>پۇل تېگىپ باقمىدى</translation>
    </message>
    <message>
        <location filename="../wording.py" line="82"/>
        <source>金额不对</source>
        <translation>سوممىسى خاتا</translation>
    </message>
    <message>
        <location filename="../wording.py" line="83"/>
        <source>被别人冒领</source>
        <translation>باشقىلار ئالىۋالغان</translation>
    </message>
    <message>
        <location filename="../wording.py" line="84"/>
        <source>不该有我的名字</source>
        <translation>ئىسمىم بولماسلىقى كېرەك</translation>
    </message>
    <message>
        <location filename="../wording.py" line="85"/>
        <source>办事作风问题</source>
        <translation>خىزمەت ئىستىلى مەسىلىسى</translation>
    </message>
    <message>
        <location filename="../wording.py" line="86"/>
        <source>其他问题</source>
        <translation>باشقا مەسىلە</translation>
    </message>
    <message>
        <location filename="../wording.py" line="94"/>
        <source>打印机出了问题</source>
        <translation>پرىنتېردا مەسىلە بار</translation>
    </message>
    <message>
        <location filename="../wording.py" line="95"/>
        <source>这台机器没有接打印机</source>
        <translation>بۇ ماشىنىغا پرىنتېر ئۇلانمىغان</translation>
    </message>
    <message>
        <location filename="../wording.py" line="96"/>
        <source>{what}，不能打印。请用手机扫描下面的二维码保存凭条，或请工作人员帮助。</source>
        <translation>{what}، باسقىلى بولمايدۇ. تالوننى ساقلاش ئۈچۈن تۆۋەندىكى QR كودنى يانفونىڭىز بىلەن سكانېرلاڭ ياكى خىزمەتچىدىن ياردەم سوراڭ.</translation>
    </message>
    <message>
        <location filename="../wording.py" line="103"/>
        <source>没有</source>
        <translation>يوق</translation>
    </message>
    <message>
        <location filename="../wording.py" line="104"/>
        <source>等</source>
        <translation> قاتارلىقلار</translation>
    </message>
    <message>
        <location filename="../wording.py" line="105"/>
        <source>{count} 条：{tickets}{more}，请把编号报给县里</source>
        <translation>⁦{count}⁩ دانە: ⁦{tickets}⁩{more}، نومۇرلارنى ناھىيەگە مەلۇم قىلىڭ</translation>
    </message>
    <message>
        <location filename="../wording.py" line="106"/>
        <source>、</source>
        <translation>، </translation>
    </message>
    <message>
        <location filename="../wording.py" line="111"/>
        <source>县里暂时不再接收本机的新投诉（短时间内太多）。投诉都保存在本机，稍后会自动再发，不会丢失；如一直如此，请告诉县里。</source>
        <extracomment>What the clerk reads for a sync error code whose English message says nothing to them.</extracomment>
        <translation>ناھىيە ھازىرچە بۇ ماشىنىدىن يېڭى ئەرز قوبۇل قىلمايدۇ (قىسقا ۋاقىت ئىچىدە بەك كۆپ بولۇپ كەتتى). ئەرزلەرنىڭ ھەممىسى بۇ ماشىنىدا ساقلىنىدۇ، كېيىن ئۆزلۈكىدىن قايتا يوللىنىدۇ، يوقاپ كەتمەيدۇ؛ ئەگەر داۋاملىق شۇنداق بولسا، ناھىيەگە ئېيتىڭ.</translation>
    </message>
    <message>
        <location filename="../wording.py" line="125"/>
        <source>没有更新记录</source>
        <translation>يېڭىلاش خاتىرىسى يوق</translation>
    </message>
    <message>
        <location filename="../wording.py" line="133"/>
        <source>{version} 已装好（{when}）</source>
        <translation>⁦{version}⁩ ئورنىتىلدى (⁦{when}⁩)</translation>
    </message>
    <message>
        <location filename="../wording.py" line="135"/>
        <source>{version} 没有通过校验，没有安装（{code}）</source>
        <translation>⁦{version}⁩ تەكشۈرۈشتىن ئۆتمىدى، ئورنىتىلمىدى (⁦{code}⁩)</translation>
    </message>
    <message>
        <location filename="../wording.py" line="137"/>
        <source>原版本</source>
        <translation> ئەسلى نەشرى</translation>
    </message>
    <message>
        <location filename="../wording.py" line="138"/>
        <source>{version} 没装成，已退回{back}（{code}）</source>
        <translation>⁦{version}⁩ ئورنىتىلمىدى، قايتۇرۇلغان نەشرى:⁦{back}⁩ (⁦{code}⁩)</translation>
    </message>
    <message>
        <location filename="../wording.py" line="140"/>
        <source>{version} 没装成，仍用原版本（{code}）</source>
        <translation>⁦{version}⁩ ئورنىتىلمىدى، يەنىلا ئەسلى نەشرى ئىشلىتىلىۋاتىدۇ (⁦{code}⁩)</translation>
    </message>
    <message>
        <location filename="../wording.py" line="149"/>
        <source>{version} 等到 {window} 再安装</source>
        <translation>⁦{version}⁩ ⁦{window}⁩ دە ئورنىتىلىدۇ</translation>
    </message>
    <message>
        <location filename="../wording.py" line="150"/>
        <source>{version} 等没人使用时再安装</source>
        <translation>⁦{version}⁩ ھېچكىم ئىشلەتمىگەندە ئورنىتىلىدۇ</translation>
    </message>
    <message>
        <location filename="../viewmodels/app.py" line="182"/>
        <location filename="../viewmodels/benefits.py" line="95"/>
        <source>尚未同步</source>
        <extracomment>A language was chosen (code); the window installs its translation (ui.app).</extracomment>
        <translation>تېخى ماس قەدەملەنمىگەن</translation>
    </message>
    <message>
        <location filename="../viewmodels/benefits.py" line="36"/>
        <source>已发放</source>
        <extracomment>The payment statuses as the screen shows them (kiosk.lookup.STATUS_LABELS_ZH, marked for translation; the speech keeps the Chinese table).</extracomment>
        <translation>تارقىتىلدى</translation>
    </message>
    <message>
        <location filename="../viewmodels/benefits.py" line="36"/>
        <source>待发放</source>
        <translation>تارقىتىلىدۇ</translation>
    </message>
    <message>
        <location filename="../viewmodels/benefits.py" line="37"/>
        <source>被退回</source>
        <translation>قايتۇرۇلدى</translation>
    </message>
    <message>
        <location filename="../viewmodels/benefits.py" line="45"/>
        <source>（全户）</source>
        <translation> (پۈتۈن ئائىلە)</translation>
    </message>
    <message>
        <location filename="../viewmodels/benefits.py" line="90"/>
        <location filename="../viewmodels/ledger.py" line="133"/>
        <source>{year}年</source>
        <translation>⁦{year}⁩-يىل</translation>
    </message>
    <message>
        <location filename="../viewmodels/benefits.py" line="97"/>
        <source>您有 {count} 条投诉已经有了回复，请点“我的投诉”查看。</source>
        <translation>ئەرزلىرىڭىزدىن ⁦{count}⁩ سىغا جاۋاب كەلدى، «ئەرزلىرىم» نى بېسىپ كۆرۈڭ.</translation>
    </message>
    <message>
        <location filename="../viewmodels/benefits.py" line="115"/>
        <source>还有 {amount} 待发放</source>
        <translation>⁦{amount}⁩ تېخى تارقىتىلمىدى</translation>
    </message>
    <message>
        <location filename="../viewmodels/benefits.py" line="117"/>
        <source>有 {amount} 被银行退回</source>
        <translation>⁦{amount}⁩ بانكا تەرىپىدىن قايتۇرۇلدى</translation>
    </message>
    <message>
        <location filename="../viewmodels/benefits.py" line="118"/>
        <source>{year}年已发放合计</source>
        <translation>⁦{year}⁩-يىلى جەمئىي تارقىتىلغىنى</translation>
    </message>
    <message>
        <location filename="../viewmodels/benefits.py" line="121"/>
        <source>，</source>
        <translation>، </translation>
    </message>
    <message>
        <location filename="../viewmodels/benefits.py" line="159"/>
        <source>{name}，共 {count} 步</source>
        <translation>⁦{name}⁩، جەمئىي ⁦{count}⁩ قەدەم</translation>
    </message>
    <message>
        <location filename="../viewmodels/benefits.py" line="161"/>
        <source>共 {count} 笔，已发放 {amount}</source>
        <translation>جەمئىي ⁦{count}⁩ قېتىم، ⁦{amount}⁩ تارقىتىلدى</translation>
    </message>
    <message>
        <location filename="../viewmodels/complaint.py" line="125"/>
        <source>关于这项补贴</source>
        <extracomment>The six-digit query code of the complaint just filed (shown and printed, never logged). Emitted with the ticket number once the complaint is safely in the outbox. The spoken complaint of this draft (说出您的问题).</extracomment>
        <translation>بۇ ياردەم پۇلى توغرىسىدا</translation>
    </message>
    <message>
        <location filename="../viewmodels/complaint.py" line="127"/>
        <source>别的事情</source>
        <translation>باشقا ئىش</translation>
    </message>
    <message>
        <location filename="../viewmodels/complaint.py" line="127"/>
        <source>没有列出的补贴，或其他问题</source>
        <translation>تىزىملانمىغان ياردەم پۇلى ياكى باشقا مەسىلە</translation>
    </message>
    <message>
        <location filename="../viewmodels/complaint.py" line="130"/>
        <source>关于这一笔</source>
        <translation>بۇ پۇل توغرىسىدا</translation>
    </message>
    <message>
        <location filename="../viewmodels/complaint.py" line="173"/>
        <source>，太长了，请删减</source>
        <translation>، بەك ئۇزۇن، قىسقارتىڭ</translation>
    </message>
    <message>
        <location filename="../viewmodels/complaint.py" line="174"/>
        <source>{count} / {most} 字{over}</source>
        <translation>⁦{count}⁩ / ⁦{most}⁩ ھەرپ{over}</translation>
    </message>
    <message>
        <location filename="../viewmodels/complaint.py" line="193"/>
        <source>没有读到身份证，只能匿名反映。</source>
        <translation>كىملىك ئوقۇلمىدى، پەقەت نامسىز ئەرز قىلغىلى بولىدۇ.</translation>
    </message>
    <message>
        <location filename="../viewmodels/complaint.py" line="204"/>
        <source>内容太长了，最多 {most} 个字。</source>
        <translation>مەزمۇن بەك ئۇزۇن، ئەڭ كۆپ بولغاندا ⁦{most}⁩ ھەرپ.</translation>
    </message>
    <message>
        <location filename="../viewmodels/complaint.py" line="211"/>
        <source>电话号码不对。手机号是 11 位数字，以 1 开头。也可以不留电话。</source>
        <translation>تېلېفون نومۇرى خاتا. يانفون نومۇرى 1 بىلەن باشلىنىدىغان 11 خانىلىق سان. تېلېفون قالدۇرماسلىقىڭىزمۇ مۇمكىن.</translation>
    </message>
    <message>
        <location filename="../viewmodels/complaint.py" line="245"/>
        <source>内容有问题，请检查后再提交。</source>
        <translation>مەزمۇندا مەسىلە بار، تەكشۈرۈپ ئاندىن يوللاڭ.</translation>
    </message>
    <message>
        <location filename="../viewmodels/complaint.py" line="250"/>
        <source>没有提交成功，您写的内容还在。请再点一次“提交”，或请工作人员帮助。</source>
        <translation>يوللانمىدى، يازغانلىرىڭىز ساقلاندى. «يوللاش» نى قايتا بېسىڭ ياكى خىزمەتچىدىن ياردەم سوراڭ.</translation>
    </message>
    <message>
        <location filename="../viewmodels/complaintquery.py" line="45"/>
        <source>编号或查询码不对，没有查到这件投诉。请对照回执上的“投诉受理号”和“查询码”再输一次。</source>
        <extracomment>What the screen says when the county found nothing, by the error&apos;s code.</extracomment>
        <translation>نومۇر ياكى سۈرۈشتۈرۈش كودى خاتا، بۇ ئەرز تېپىلمىدى. تالوندىكى ئەرز نومۇرى ۋە سۈرۈشتۈرۈش كودىنى سېلىشتۇرۇپ قايتا كىرگۈزۈڭ.</translation>
    </message>
    <message>
        <location filename="../viewmodels/complaintquery.py" line="47"/>
        <source>这件投诉的查询码输错次数太多，已暂时锁定。请一小时后再试，或请工作人员帮助。</source>
        <translation>بۇ ئەرزنىڭ سۈرۈشتۈرۈش كودى كۆپ قېتىم خاتا كىرگۈزۈلدى، ۋاقتىنچە قۇلۇپلاندى. بىر سائەتتىن كېيىن قايتا سىناڭ ياكى خىزمەتچىدىن ياردەم سوراڭ.</translation>
    </message>
    <message>
        <location filename="../viewmodels/complaintquery.py" line="49"/>
        <source>现在连不上县里，请稍后再试。</source>
        <translation>ھازىر ناھىيەگە ئۇلىنالمىدى، سەل تۇرۇپ قايتا سىناڭ.</translation>
    </message>
    <message>
        <location filename="../viewmodels/complaintquery.py" line="50"/>
        <source>本机现在不能查询投诉，请工作人员处理。</source>
        <translation>بۇ ماشىنا ھازىر ئەرز سۈرۈشتۈرەلمەيدۇ، خىزمەتچىگە ئېيتىڭ.</translation>
    </message>
    <message>
        <location filename="../viewmodels/complaintquery.py" line="52"/>
        <source>编号不对。编号在回执“投诉受理号”后面，像 QS01-000001。</source>
        <translation>نومۇر خاتا. نومۇر تالوندىكى «ئەرز نومۇرى» نىڭ كەينىدە، مەسىلەن ⁦QS01-000001⁩.</translation>
    </message>
    <message>
        <location filename="../viewmodels/complaintquery.py" line="53"/>
        <source>查询码是6位数字，请输完整。</source>
        <translation>سۈرۈشتۈرۈش كودى 6 خانىلىق سان، تولۇق كىرگۈزۈڭ.</translation>
    </message>
    <message>
        <location filename="../viewmodels/complaintquery.py" line="54"/>
        <source>没有查到，请稍后再试，或请工作人员帮助。</source>
        <translation>تېپىلمىدى، سەل تۇرۇپ قايتا سىناڭ ياكى خىزمەتچىدىن ياردەم سوراڭ.</translation>
    </message>
    <message>
        <location filename="../viewmodels/complaintquery.py" line="55"/>
        <location filename="../viewmodels/mycomplaints.py" line="41"/>
        <source>已受理，等待分派</source>
        <translation>قوبۇل قىلىندى، تەقسىملىنىشنى كۈتمەكتە</translation>
    </message>
    <message>
        <location filename="../viewmodels/complaintquery.py" line="55"/>
        <location filename="../viewmodels/complaintquery.py" line="56"/>
        <location filename="../viewmodels/mycomplaints.py" line="41"/>
        <location filename="../viewmodels/mycomplaints.py" line="42"/>
        <source>正在办理</source>
        <translation>بىر تەرەپ قىلىنىۋاتىدۇ</translation>
    </message>
    <message>
        <location filename="../viewmodels/complaintquery.py" line="56"/>
        <source>已答复</source>
        <translation>جاۋاب بېرىلدى</translation>
    </message>
    <message>
        <location filename="../viewmodels/complaintquery.py" line="57"/>
        <location filename="../viewmodels/mycomplaints.py" line="43"/>
        <source>已办结</source>
        <translation>تاماملاندى</translation>
    </message>
    <message>
        <location filename="../viewmodels/complaintquery.py" line="57"/>
        <location filename="../viewmodels/mycomplaints.py" line="43"/>
        <source>重新办理中</source>
        <translation>قايتا بىر تەرەپ قىلىنىۋاتىدۇ</translation>
    </message>
    <message>
        <location filename="../viewmodels/mycomplaints.py" line="37"/>
        <source>已登记，等待网络送到县纪委</source>
        <translation>خاتىرىلەندى، تور ئارقىلىق ناھىيەگە يوللىنىشنى كۈتمەكتە</translation>
    </message>
    <message>
        <location filename="../viewmodels/mycomplaints.py" line="38"/>
        <source>已送到县纪委，正在办理</source>
        <translation>ناھىيەگە يوللاندى، بىر تەرەپ قىلىنىۋاتىدۇ</translation>
    </message>
    <message>
        <location filename="../viewmodels/mycomplaints.py" line="39"/>
        <source>没有送达，请工作人员处理</source>
        <translation>يەتكۈزۈلمىدى، خىزمەتچىگە ئېيتىڭ</translation>
    </message>
    <message>
        <location filename="../viewmodels/mycomplaints.py" line="42"/>
        <source>已答复，请您评价</source>
        <translation>جاۋاب بېرىلدى، باھا بېرىڭ</translation>
    </message>
    <message>
        <location filename="../viewmodels/mycomplaints.py" line="44"/>
        <source>乡镇办理</source>
        <translation>يېزا بىر تەرەپ قىلىدۇ</translation>
    </message>
    <message>
        <location filename="../viewmodels/mycomplaints.py" line="44"/>
        <source>县纪委办理</source>
        <translation>ناھىيە بىر تەرەپ قىلىدۇ</translation>
    </message>
    <message>
        <location filename="../viewmodels/mycomplaints.py" line="45"/>
        <source>没有解决问题</source>
        <translation>مەسىلە ھەل بولمىدى</translation>
    </message>
    <message>
        <location filename="../viewmodels/mycomplaints.py" line="45"/>
        <source>答复与事实不符</source>
        <translation>جاۋاب پاكىتقا ماس ئەمەس</translation>
    </message>
    <message>
        <location filename="../viewmodels/mycomplaints.py" line="46"/>
        <source>办理太慢</source>
        <translation>بەك ئاستا</translation>
    </message>
    <message>
        <location filename="../viewmodels/mycomplaints.py" line="46"/>
        <source>态度不好</source>
        <translation>پوزىتسىيىسى ياخشى ئەمەس</translation>
    </message>
    <message>
        <location filename="../viewmodels/mycomplaints.py" line="47"/>
        <source>其他原因</source>
        <translation>باشقا سەۋەب</translation>
    </message>
    <message>
        <location filename="../viewmodels/mycomplaints.py" line="48"/>
        <source>受理</source>
        <translation>قوبۇل</translation>
    </message>
    <message>
        <location filename="../viewmodels/mycomplaints.py" line="48"/>
        <source>办理</source>
        <translation>بىر تەرەپ</translation>
    </message>
    <message>
        <location filename="../viewmodels/mycomplaints.py" line="48"/>
        <source>答复</source>
        <translation>جاۋاب</translation>
    </message>
    <message>
        <location filename="../viewmodels/mycomplaints.py" line="48"/>
        <source>办结</source>
        <translation>تامام</translation>
    </message>
    <message>
        <location filename="../viewmodels/mycomplaints.py" line="78"/>
        <source>县纪委已回复</source>
        <translation>ناھىيە جاۋاب بەردى</translation>
    </message>
    <message>
        <location filename="../viewmodels/mycomplaints.py" line="80"/>
        <source>您已评价：满意</source>
        <translation>باھايىڭىز: رازى</translation>
    </message>
    <message>
        <location filename="../viewmodels/mycomplaints.py" line="80"/>
        <source>您已评价：不满意，将转到上一级重新办理</source>
        <translation>باھايىڭىز: نارازى، يۇقىرى دەرىجىگە يوللىنىپ قايتا بىر تەرەپ قىلىنىدۇ</translation>
    </message>
    <message>
        <location filename="../viewmodels/mycomplaints.py" line="89"/>
        <source>{status}（{level}）</source>
        <translation>{status} ({level})</translation>
    </message>
    <message>
        <location filename="../viewmodels/mycomplaints.py" line="130"/>
        <source>提交于 {time}</source>
        <translation>يوللانغان ۋاقتى: ⁦{time}⁩</translation>
    </message>
    <message>
        <location filename="../viewmodels/mycomplaints.py" line="154"/>
        <source>谢谢您的评价。</source>
        <translation>باھايىڭىزغا رەھمەت.</translation>
    </message>
    <message>
        <location filename="../viewmodels/mycomplaints.py" line="155"/>
        <source>您的投诉将转到上一级重新办理。</source>
        <translation>ئەرزىڭىز يۇقىرى دەرىجىگە يوللىنىپ قايتا بىر تەرەپ قىلىنىدۇ.</translation>
    </message>
    <message>
        <location filename="../viewmodels/notices.py" line="30"/>
        <source>政策</source>
        <extracomment>The kinds&apos; names on the tabs (kiosk.catalogue.NOTICE_KINDS, marked for translation).</extracomment>
        <translation>سىياسەت</translation>
    </message>
    <message>
        <location filename="../viewmodels/notices.py" line="30"/>
        <source>村务公开</source>
        <translation>كەنت ئىشلىرى</translation>
    </message>
    <message>
        <location filename="../viewmodels/notices.py" line="30"/>
        <location filename="../viewmodels/public.py" line="46"/>
        <source>村级财务</source>
        <translation>كەنت مالىيىسى</translation>
    </message>
    <message>
        <location filename="../viewmodels/notices.py" line="31"/>
        <source>公示</source>
        <translation>ئاشكارىلاش</translation>
    </message>
    <message>
        <location filename="../viewmodels/notices.py" line="95"/>
        <source>，有效期至 {date}</source>
        <translation>، {date} گىچە كۈچكە ئىگە</translation>
    </message>
    <message>
        <location filename="../viewmodels/notices.py" line="98"/>
        <source>{kind} · 发布于 {date}{until}</source>
        <translation>{kind} · {date} ئېلان قىلىنغان{until}</translation>
    </message>
    <message>
        <location filename="../viewmodels/printing.py" line="21"/>
        <source>打印好了，请从出纸口取走凭条。</source>
        <translation>بېسىلدى، تالوننى قەغەز چىقىش ئېغىزىدىن ئېلىڭ.</translation>
    </message>
    <message>
        <location filename="../viewmodels/printing.py" line="47"/>
        <source>凭条</source>
        <extracomment>Builds and prints the current receipt; runs on the printer worker, must not touch Qt. What is printed (ui.viewmodels.app), marked for translation.</extracomment>
        <translation>تالون</translation>
    </message>
    <message>
        <location filename="../viewmodels/printing.py" line="47"/>
        <source>投诉回执</source>
        <translation>ئەرز تالونى</translation>
    </message>
    <message>
        <location filename="../viewmodels/printing.py" line="74"/>
        <source>正在打印{what}，请稍等……</source>
        <translation>{what} بېسىلىۋاتىدۇ، سەل ساقلاڭ…</translation>
    </message>
    <message>
        <location filename="../app.py" line="217"/>
        <source>{code}（未注册）</source>
        <extracomment>How long teardown waits for a running print job or probe (a slow serial print).</extracomment>
        <translation>⁦{code}⁩ (تىزىملاتمىغان)</translation>
    </message>
    <message>
        <location filename="../app.py" line="228"/>
        <source>正常</source>
        <translation>نورمال</translation>
    </message>
    <message>
        <location filename="../app.py" line="229"/>
        <source>不可用：{problem}</source>
        <translation>ئىشلەتكىلى بولمايدۇ: {problem}</translation>
    </message>
    <message>
        <location filename="../app.py" line="234"/>
        <source>从未同步</source>
        <translation>ماس قەدەملەنمىگەن</translation>
    </message>
    <message>
        <location filename="../app.py" line="237"/>
        <source>（上次错误：{why}）</source>
        <translation> (ئالدىنقى قېتىملىق خاتالىق: {why})</translation>
    </message>
    <message>
        <location filename="../app.py" line="239"/>
        <source>{count} 条</source>
        <translation>⁦{count}⁩ دانە</translation>
    </message>
    <message>
        <location filename="../viewmodels/speech.py" line="39"/>
        <source>英文</source>
        <extracomment>The UI languages other than Chinese, as the clerk screen names them.</extracomment>
        <translation>ئىنگلىزچە</translation>
    </message>
    <message>
        <location filename="../viewmodels/speech.py" line="39"/>
        <source>维吾尔文</source>
        <translation>ئۇيغۇرچە</translation>
    </message>
    <message>
        <location filename="../viewmodels/speech.py" line="94"/>
        <source>{problem}（朗读按钮已隐藏）</source>
        <translation>{problem} (ئاڭلاش كۇنۇپكىسى يوشۇرۇلدى)</translation>
    </message>
    <message>
        <location filename="../viewmodels/speech.py" line="95"/>
        <source>{language}界面没有朗读：{problem}（朗读按钮已隐藏）</source>
        <translation>{language} ئېكراندا ئاۋازلىق ئوقۇش يوق: {problem} (ئاڭلاش كۇنۇپكىسى يوشۇرۇلدى)</translation>
    </message>
    <message>
        <location filename="../app.py" line="246"/>
        <source>正常（espeak-ng：普通话、英文、维吾尔文）</source>
        <translation>نورمال (⁦espeak-ng⁩: خەنزۇچە، ئىنگلىزچە، ئۇيغۇرچە)</translation>
    </message>
    <message>
        <location filename="../app.py" line="271"/>
        <location filename="../app.py" line="297"/>
        <source>没有设置打印机</source>
        <translation>پرىنتېر تەڭشەلمىگەن</translation>
    </message>
    <message>
        <location filename="../app.py" line="279"/>
        <source>不可用（{code}）</source>
        <translation>ئىشلەتكىلى بولمايدۇ (⁦{code}⁩)</translation>
    </message>
    <message>
        <location filename="../app.py" line="291"/>
        <location filename="../app.py" line="315"/>
        <source>失败：{error}</source>
        <translation>مەغلۇپ بولدى: {error}</translation>
    </message>
    <message>
        <location filename="../app.py" line="311"/>
        <source>已打印</source>
        <translation>بېسىلدى</translation>
    </message>
    <message>
        <location filename="../app.py" line="328"/>
        <location filename="../app.py" line="379"/>
        <source>失败</source>
        <translation>مەغلۇپ بولدى</translation>
    </message>
    <message>
        <location filename="../app.py" line="344"/>
        <source>同步成功</source>
        <translation>ماس قەدەملەندى</translation>
    </message>
    <message>
        <location filename="../app.py" line="349"/>
        <location filename="../app.py" line="353"/>
        <location filename="../app.py" line="358"/>
        <source>同步失败：</source>
        <translation>ماس قەدەملەش مەغلۇپ بولدى: </translation>
    </message>
    <message>
        <location filename="../app.py" line="351"/>
        <source>正在同步……</source>
        <translation>ماس قەدەملىنىۋاتىدۇ…</translation>
    </message>
    <message>
        <location filename="../app.py" line="363"/>
        <source>正在检查U盘……</source>
        <translation>U دىسكا تەكشۈرۈلۈۋاتىدۇ…</translation>
    </message>
    <message>
        <location filename="../playback.py" line="37"/>
        <source>没有找到声音输出设备（音箱或耳机）</source>
        <translation>ئاۋاز چىقىرىش ئۈسكۈنىسى تېپىلمىدى (ياڭراتقۇ ياكى تىڭشىغۇچ)</translation>
    </message>
    <message>
        <location filename="../viewmodels/clerk.py" line="84"/>
        <source>本机没有设置管理密码，管理界面已关闭。</source>
        <extracomment>Reads the terminal&apos;s state for the clerk (database, devices, sync): a dict of texts. How long a job&apos;s result stays in its row, in seconds.</extracomment>
        <translation>بۇ ماشىنىغا باشقۇرۇش پارولى تەڭشەلمىگەن، باشقۇرۇش ئېكرانى تاقالدى.</translation>
    </message>
    <message>
        <location filename="../viewmodels/clerk.py" line="91"/>
        <source>密码错误次数太多，请 {minutes} 分钟后再试。</source>
        <translation>پارول بەك كۆپ قېتىم خاتا كىرگۈزۈلدى، ⁦{minutes}⁩ مىنۇتتىن كېيىن قايتا سىناڭ.</translation>
    </message>
    <message>
        <location filename="../viewmodels/clerk.py" line="125"/>
        <source>密码不对，还可以再试 {left} 次。</source>
        <translation>پارول خاتا، يەنە ⁦{left}⁩ قېتىم سىنىيالايسىز.</translation>
    </message>
    <message>
        <location filename="../viewmodels/clerk.py" line="159"/>
        <source>读取状态失败：{error}</source>
        <translation>ھالەتنى ئوقۇش مەغلۇپ بولدى: {error}</translation>
    </message>
    <message>
        <location filename="../viewmodels/clerk.py" line="162"/>
        <source>终端编号</source>
        <translation>تېرمىنال نومۇرى</translation>
    </message>
    <message>
        <location filename="../viewmodels/clerk.py" line="162"/>
        <source>所在村</source>
        <translation>تۇرۇشلۇق كەنت</translation>
    </message>
    <message>
        <location filename="../viewmodels/clerk.py" line="163"/>
        <source>读卡器</source>
        <translation>كارتا ئوقۇغۇچ</translation>
    </message>
    <message>
        <location filename="../viewmodels/clerk.py" line="163"/>
        <source>打印机</source>
        <translation>پرىنتېر</translation>
    </message>
    <message>
        <location filename="../viewmodels/clerk.py" line="164"/>
        <source>上次同步</source>
        <translation>ئاخىرقى ماس قەدەملەش</translation>
    </message>
    <message>
        <location filename="../viewmodels/clerk.py" line="164"/>
        <source>待发送投诉</source>
        <translation>يوللىنىدىغان ئەرزلەر</translation>
    </message>
    <message>
        <location filename="../viewmodels/clerk.py" line="165"/>
        <source>被退回投诉</source>
        <translation>قايتۇرۇلغان ئەرزلەر</translation>
    </message>
    <message>
        <location filename="../viewmodels/clerk.py" line="165"/>
        <source>软件版本</source>
        <translation>يۇمشاق دېتال نەشرى</translation>
    </message>
    <message>
        <location filename="../viewmodels/clerk.py" line="166"/>
        <source>上次更新</source>
        <translation>ئاخىرقى يېڭىلاش</translation>
    </message>
    <message>
        <location filename="../viewmodels/clerk.py" line="166"/>
        <source>U盘更新</source>
        <translation>U دىسكىدىن يېڭىلاش</translation>
    </message>
    <message>
        <location filename="../viewmodels/clerk.py" line="167"/>
        <source>数据库</source>
        <translation>سانلىق مەلۇمات ئامبىرى</translation>
    </message>
    <message>
        <location filename="../viewmodels/clerk.py" line="168"/>
        <source>朗读</source>
        <translation>ئاۋازلىق ئوقۇش</translation>
    </message>
    <message>
        <location filename="../viewmodels/clerk.py" line="190"/>
        <source>不能调节亮度：{error}</source>
        <translation>يورۇقلۇقنى تەڭشىگىلى بولمايدۇ: {error}</translation>
    </message>
    <message>
        <location filename="../viewmodels/ledger.py" line="40"/>
        <source>收入</source>
        <extracomment>An entry&apos;s kind as shown (kiosk.ledger.KIND_LABELS_ZH, through :func:`ui.tr.tr`).</extracomment>
        <translation>كىرىم</translation>
    </message>
    <message>
        <location filename="../viewmodels/ledger.py" line="40"/>
        <source>支出</source>
        <translation>چىقىم</translation>
    </message>
    <message>
        <location filename="../viewmodels/ledger.py" line="41"/>
        <source>凭证</source>
        <translation>ئىسپات</translation>
    </message>
    <message>
        <location filename="../viewmodels/public.py" line="44"/>
        <source>公示花名册</source>
        <extracomment>The hub&apos;s sections: (key, label, hint), in the order shown; Chinese source texts, shown through :func:`ui.tr.tr` (read aloud as they are).</extracomment>
        <translation>ئاشكارىلانغان تىزىملىك</translation>
    </message>
    <message>
        <location filename="../viewmodels/public.py" line="44"/>
        <source>本村谁领了哪项补贴、领了多少</source>
        <translation>كەنتتە كىم قايسى ياردەم پۇلىنى قانچىلىك ئالدى</translation>
    </message>
    <message>
        <location filename="../viewmodels/public.py" line="45"/>
        <source>小微权力清单</source>
        <translation>كەنت ھوقۇق تىزىملىكى</translation>
    </message>
    <message>
        <location filename="../viewmodels/public.py" line="45"/>
        <source>村里的事怎么办、谁来定、去哪里反映</source>
        <translation>كەنت ئىشلىرى قانداق بېجىرىلىدۇ، كىم قارار قىلىدۇ، قەيەرگە ئىنكاس قىلىدۇ</translation>
    </message>
    <message>
        <location filename="../viewmodels/public.py" line="46"/>
        <source>村里每个月的收入、支出和凭证</source>
        <translation>كەنتنىڭ ھەر ئايلىق كىرىم، چىقىم ۋە ئىسپاتلىرى</translation>
    </message>
    <message>
        <location filename="../viewmodels/public.py" line="47"/>
        <source>村级工程</source>
        <translation>كەنت قۇرۇلۇشلىرى</translation>
    </message>
    <message>
        <location filename="../viewmodels/public.py" line="47"/>
        <source>修路、饮水等工程的钱和进度</source>
        <translation>يول، ئىچىملىك سۇ قاتارلىق قۇرۇلۇشلارنىڭ پۇلى ۋە ئىلگىرىلىشى</translation>
    </message>
    <message>
        <location filename="../viewmodels/public.py" line="49"/>
        <source>现在读不出这些内容，请稍后再试，或请工作人员帮助。</source>
        <translation>بۇ مەزمۇننى ھازىر ئوقۇغىلى بولمىدى، سەل تۇرۇپ قايتا سىناڭ ياكى خادىملاردىن ياردەم سوراڭ.</translation>
    </message>
    <message>
        <location filename="../viewmodels/public.py" line="51"/>
        <source>办理须知</source>
        <extracomment>The page after a power&apos;s last step, and its lines&apos; labels.</extracomment>
        <translation>بىلىشكە تېگىشلىك ئىشلار</translation>
    </message>
    <message>
        <location filename="../viewmodels/public.py" line="52"/>
        <source>需要带的材料</source>
        <translation>ئېلىپ كېلىدىغان ماتېرىياللار</translation>
    </message>
    <message>
        <location filename="../viewmodels/public.py" line="52"/>
        <source>谁来决定</source>
        <translation>كىم قارار قىلىدۇ</translation>
    </message>
    <message>
        <location filename="../viewmodels/public.py" line="53"/>
        <source>办理时限</source>
        <translation>بېجىرىش مۇددىتى</translation>
    </message>
    <message>
        <location filename="../viewmodels/public.py" line="53"/>
        <source>有问题找谁</source>
        <translation>مەسىلە بولسا كىمگە ئېيتىش</translation>
    </message>
    <message>
        <location filename="../viewmodels/public.py" line="86"/>
        <source>{count}人</source>
        <translation>⁦{count}⁩ كىشى</translation>
    </message>
    <message>
        <location filename="../viewmodels/public.py" line="179"/>
        <source>{rows} 条，合计 {total}</source>
        <translation>⁦{rows}⁩ قۇر، جەمئىي ⁦{total}⁩</translation>
    </message>
    <message>
        <location filename="../viewmodels/public.py" line="187"/>
        <source>共 {count} 步</source>
        <translation>جەمئىي ⁦{count}⁩ قەدەم</translation>
    </message>
    <message>
        <location filename="../viewmodels/public.py" line="236"/>
        <source>姓 {letter}</source>
        <translation>فامىلىسى ⁦{letter}⁩</translation>
    </message>
    <message>
        <location filename="../viewmodels/public.py" line="244"/>
        <source>共 {count} 条</source>
        <translation>جەمئىي ⁦{count}⁩ قۇر</translation>
    </message>
    <message>
        <location filename="../viewmodels/public.py" line="245"/>
        <source>{label}：{count} 条，{total}</source>
        <translation>⁦{label}⁩: ⁦{count}⁩ قۇر، ⁦{total}⁩</translation>
    </message>
    <message>
        <location filename="../viewmodels/public.py" line="265"/>
        <source>{item}：{name} {period} {amount}</source>
        <translation>⁦{item}⁩: ⁦{name}⁩ ⁦{period}⁩ ⁦{amount}⁩</translation>
    </message>
    <message>
        <location filename="../viewmodels/public.py" line="303"/>
        <source>第{number}步  {title}</source>
        <translation>⁦{number}⁩-قەدەم  ⁦{title}⁩</translation>
    </message>
    <message>
        <location filename="../usb_update.py" line="29"/>
        <source>文件不完整，可能没有拷完，请重新拷一次</source>
        <extracomment>Why a stick&apos;s bundle was not taken, for the clerk (the code follows in brackets).</extracomment>
        <translation>ھۆججەت تولۇق ئەمەس، تولۇق كۆچۈرۈلمىگەن بولۇشى مۇمكىن، قايتا كۆچۈرۈڭ</translation>
    </message>
    <message>
        <location filename="../usb_update.py" line="30"/>
        <source>不是本系统的更新文件</source>
        <translation>بۇ سىستېمىنىڭ يېڭىلاش ھۆججىتى ئەمەس</translation>
    </message>
    <message>
        <location filename="../usb_update.py" line="31"/>
        <source>不是本县签发的更新文件</source>
        <translation>بۇ ناھىيە ئىمزالىغان يېڭىلاش ھۆججىتى ئەمەس</translation>
    </message>
    <message>
        <location filename="../usb_update.py" line="32"/>
        <source>文件被改动过，签名不对</source>
        <translation>ھۆججەت ئۆزگەرتىلگەن، ئىمزاسى ماس كەلمەيدۇ</translation>
    </message>
    <message>
        <location filename="../usb_update.py" line="33"/>
        <source>这个更新已经过期，请向县里要新的</source>
        <translation>بۇ يېڭىلاشنىڭ ۋاقتى ئۆتۈپ كەتتى، ناھىيەدىن يېڭىسىنى سوراڭ</translation>
    </message>
    <message>
        <location filename="../usb_update.py" line="34"/>
        <source>这个更新不是发给本机的</source>
        <translation>بۇ يېڭىلاش بۇ ماشىنا ئۈچۈن ئەمەس</translation>
    </message>
    <message>
        <location filename="../usb_update.py" line="35"/>
        <source>文件已损坏或被改动过</source>
        <translation>ھۆججەت بۇزۇلغان ياكى ئۆزگەرتىلگەن</translation>
    </message>
    <message>
        <location filename="../usb_update.py" line="36"/>
        <source>比本机现在的版本旧，不能装</source>
        <translation>بۇ ماشىنىدىكى نەشردىن كونا، ئورناتقىلى بولمايدۇ</translation>
    </message>
    <message>
        <location filename="../usb_update.py" line="37"/>
        <source>本机还没有县里的发布密钥，请先联网同步一次</source>
        <translation>بۇ ماشىنىدا ناھىيەنىڭ ئېلان ئاچقۇچى تېخى يوق، ئالدى بىلەن تورغا ئۇلىنىپ بىر قېتىم ماس قەدەملەڭ</translation>
    </message>
    <message>
        <location filename="../usb_update.py" line="38"/>
        <source>U盘里没有更新文件（要放在U盘最外层或 village-kiosk 文件夹里）</source>
        <translation>U دىسكىدا يېڭىلاش ھۆججىتى يوق (U دىسكىنىڭ ئەڭ سىرتقى قەۋىتىگە ياكى ⁦village-kiosk⁩ قىسقۇچىغا قويۇش كېرەك)</translation>
    </message>
    <message>
        <location filename="../usb_update.py" line="40"/>
        <source>没有找到U盘，请插好后稍等再试（U盘要用 FAT32 或 exFAT 格式）</source>
        <translation>U دىسكا تېپىلمىدى، ياخشى چېتىپ سەل ساقلاپ قايتا سىناڭ (U دىسكا ⁦FAT32⁩ ياكى ⁦exFAT⁩ فورماتىدا بولۇشى كېرەك)</translation>
    </message>
    <message>
        <location filename="../usb_update.py" line="42"/>
        <source>读不出U盘，请拔下重新插好再试</source>
        <translation>U دىسكىنى ئوقۇغىلى بولمىدى، سۇغۇرۇپ قايتا چېتىپ سىناڭ</translation>
    </message>
    <message>
        <location filename="../usb_update.py" line="43"/>
        <source>本机存储空间不够，请告诉县里</source>
        <translation>بۇ ماشىنىنىڭ ساقلاش بوشلۇقى يېتەرلىك ئەمەس، ناھىيەگە ئېيتىڭ</translation>
    </message>
    <message>
        <location filename="../usb_update.py" line="80"/>
        <source>没有通过校验</source>
        <extracomment>How long one check may take (a 300 MB bundle read twice from a slow stick).</extracomment>
        <translation>تەكشۈرۈشتىن ئۆتمىدى</translation>
    </message>
    <message>
        <location filename="../usb_update.py" line="100"/>
        <source>检查U盘失败：{error}</source>
        <translation>U دىسكىنى تەكشۈرۈش مەغلۇپ بولدى: ⁦{error}⁩</translation>
    </message>
    <message>
        <location filename="../usb_update.py" line="102"/>
        <source>插上U盘后按“从U盘更新”</source>
        <translation>U دىسكىنى چېتىپ، «U دىسكىدىن يېڭىلاش» نى بېسىڭ</translation>
    </message>
    <message>
        <location filename="../usb_update.py" line="107"/>
        <source>U盘中的版本 {version}：{outcome}</source>
        <translation>U دىسكىدىكى نەشر ⁦{version}⁩: ⁦{outcome}⁩</translation>
    </message>
    <message>
        <location filename="../usb_update.py" line="109"/>
        <source>U盘中的版本 {version} 已校验，将在空闲时安装</source>
        <translation>U دىسكىدىكى نەشر ⁦{version}⁩ تەكشۈرۈلدى، بىكار ۋاقىتتا ئورنىتىلىدۇ</translation>
    </message>
    <message>
        <location filename="../usb_update.py" line="111"/>
        <source>U盘中的版本 {version} 本机已经装好了，不用更新</source>
        <translation>U دىسكىدىكى نەشر ⁦{version}⁩ بۇ ماشىنىغا ئاللىقاچان ئورنىتىلغان، يېڭىلاش ھاجەتسىز</translation>
    </message>
    <message>
        <location filename="../usb_update.py" line="114"/>
        <source>U盘中的更新不能安装：{reason}</source>
        <translation>U دىسكىدىكى يېڭىلاشنى ئورناتقىلى بولمايدۇ: ⁦{reason}⁩</translation>
    </message>
    <message>
        <location filename="../viewmodels/projects.py" line="47"/>
        <source>立项批复</source>
        <extracomment>A stage&apos;s name as shown (kiosk.projects.STAGE_LABELS_ZH, through :func:`ui.tr.tr`).</extracomment>
        <translation>تۈر تەستىقى</translation>
    </message>
    <message>
        <location filename="../viewmodels/projects.py" line="47"/>
        <source>预算</source>
        <translation>مۆلچەر</translation>
    </message>
    <message>
        <location filename="../viewmodels/projects.py" line="48"/>
        <source>招标结果</source>
        <translation>تاللاش نەتىجىسى</translation>
    </message>
    <message>
        <location filename="../viewmodels/projects.py" line="48"/>
        <source>施工合同</source>
        <translation>قۇرۇلۇش توختامى</translation>
    </message>
    <message>
        <location filename="../viewmodels/projects.py" line="49"/>
        <source>施工进度</source>
        <translation>قۇرۇلۇش ئىلگىرىلىشى</translation>
    </message>
    <message>
        <location filename="../viewmodels/projects.py" line="49"/>
        <source>竣工验收</source>
        <translation>تاماملاپ تەكشۈرۈپ قوبۇل قىلىش</translation>
    </message>
    <message>
        <location filename="../viewmodels/projects.py" line="50"/>
        <source>竣工决算</source>
        <translation>ئاخىرقى ھېسابات</translation>
    </message>
    <message>
        <location filename="../viewmodels/projects.py" line="51"/>
        <source>预算 {amount}</source>
        <translation>مۆلچەر ⁦{amount}⁩</translation>
    </message>
    <message>
        <location filename="../viewmodels/projects.py" line="51"/>
        <source>决算 {amount}</source>
        <translation>ئاخىرقى ھېسابات ⁦{amount}⁩</translation>
    </message>
    <message>
        <location filename="../viewmodels/projects.py" line="52"/>
        <source>现在：{stage}</source>
        <translation>ھازىر: ⁦{stage}⁩</translation>
    </message>
    <message>
        <location filename="../viewmodels/projects.py" line="53"/>
        <source>文件</source>
        <translation>ھۆججەت</translation>
    </message>
</context>
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
        <location filename="../qml/VillageKiosk/BenefitsScreen.qml" line="234"/>
        <source>政策说明 ›</source>
        <translation>سىياسەت ›</translation>
    </message>
</context>
<context>
    <name>ClerkScreen</name>
    <message>
        <location filename="../qml/VillageKiosk/ClerkScreen.qml" line="17"/>
        <source>管理员</source>
        <translation>باشقۇرغۇچى</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/ClerkScreen.qml" line="30"/>
        <source>请输入管理密码</source>
        <translation>باشقۇرۇش پارولىنى كىرگۈزۈڭ</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/ClerkScreen.qml" line="121"/>
        <source>从U盘更新</source>
        <translation>U دىسكىدىن يېڭىلاش</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/ClerkScreen.qml" line="126"/>
        <source>测试打印</source>
        <translation>سىناق بېسىش</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/ClerkScreen.qml" line="127"/>
        <source>立即同步</source>
        <translation>ماس قەدەملەش</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/ClerkScreen.qml" line="130"/>
        <source>屏幕亮度 %1%</source>
        <translation>ئېكران يورۇقلۇقى ⁦%1%⁩</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/ClerkScreen.qml" line="131"/>
        <source>屏幕亮度：本机不能调节</source>
        <translation>يورۇقلۇقنى تەڭشىگىلى بولمايدۇ</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/ClerkScreen.qml" line="140"/>
        <source>暗一点</source>
        <translation>سەل قاراڭغۇ</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/ClerkScreen.qml" line="141"/>
        <source>亮一点</source>
        <translation>سەل يورۇق</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/ClerkScreen.qml" line="143"/>
        <source>刷新状态</source>
        <translation>ھالەتنى يېڭىلاش</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/ClerkScreen.qml" line="144"/>
        <source>退出管理</source>
        <translation>چىقىش</translation>
    </message>
</context>
<context>
    <name>ComplaintQueryScreen</name>
    <message>
        <location filename="../qml/VillageKiosk/ComplaintQueryScreen.qml" line="19"/>
        <source>查询投诉</source>
        <translation>ئەرز سۈرۈشتۈرۈش</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/ComplaintQueryScreen.qml" line="68"/>
        <source>请输入回执上的投诉受理号（本机的只输数字）：</source>
        <translation>تالوندىكى ئەرز نومۇرىنى كىرگۈزۈڭ (بۇ ماشىنىنىڭكى پەقەت سان):</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/ComplaintQueryScreen.qml" line="75"/>
        <source>下一步</source>
        <translation>كېيىنكى</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/ComplaintQueryScreen.qml" line="106"/>
        <source>投诉受理号：%1</source>
        <translation>ئەرز نومۇرى: ⁦%1⁩</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/ComplaintQueryScreen.qml" line="107"/>
        <source>请输入回执上的6位“查询码”：</source>
        <translation>تالوندىكى 6 خانىلىق «سۈرۈشتۈرۈش كودى» نى كىرگۈزۈڭ:</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/ComplaintQueryScreen.qml" line="111"/>
        <source>改受理号</source>
        <translation>نومۇرنى ئۆزگەرتىش</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/ComplaintQueryScreen.qml" line="119"/>
        <source>查询</source>
        <translation>سۈرۈشتۈرۈش</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/ComplaintQueryScreen.qml" line="131"/>
        <source>正在向县里查询，请稍等……</source>
        <translation>ناھىيەدىن سۈرۈشتۈرۈۋاتىدۇ، سەل ساقلاڭ…</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/ComplaintQueryScreen.qml" line="143"/>
        <source>投诉受理号 %1</source>
        <translation>ئەرز نومۇرى ⁦%1⁩</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/ComplaintQueryScreen.qml" line="154"/>
        <source>答复（%1）：%2</source>
        <translation>جاۋاب (⁦%1⁩): %2</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/ComplaintQueryScreen.qml" line="155"/>
        <source>还没有答复。办理有了结果，这里会显示答复。</source>
        <translation>تېخى جاۋاب يوق. نەتىجە چىققاندا جاۋاب بۇ يەردە كۆرۈنىدۇ.</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/ComplaintQueryScreen.qml" line="168"/>
        <source>再查一件</source>
        <translation>يەنە بىرنى سۈرۈشتۈرۈش</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/ComplaintQueryScreen.qml" line="175"/>
        <source>完成，退出</source>
        <translation>تامام، چىقىش</translation>
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
        <translation>ئەرز نومۇرىڭىز</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/ComplaintScreen.qml" line="325"/>
        <source>查询码（请保管好）</source>
        <translation>سۈرۈشتۈرۈش كودى (ياخشى ساقلاڭ)</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/ComplaintScreen.qml" line="348"/>
        <source>请记下或用手机拍下编号和查询码，查询码不要给别人看。凭这两个号，在本县任何一台机器点“查询投诉”就能看进度和答复，不用身份证。也可以拨打 12388 反映。</source>
        <translation>نومۇر ۋە سۈرۈشتۈرۈش كودىنى يېزىۋېلىڭ ياكى يانفون بىلەن رەسىمگە تارتىۋېلىڭ، كودنى باشقىلارغا كۆرسەتمەڭ. بۇ ئىككى نومۇر بىلەن ناھىيەدىكى ھەر قانداق ماشىنىدا «ئەرز سۈرۈشتۈرۈش» نى بېسىپ، كىملىكسىزلا ئەھۋال ۋە جاۋابنى كۆرەلەيسىز. 12388 گە تېلېفون قىلسىڭىزمۇ بولىدۇ.</translation>
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
        <translation>كۆرسىتىش: كىملىك</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/DemoControl.qml" line="26"/>
        <source>选一位村民，把他的身份证放到读卡器上。管理员密码：%1</source>
        <translation>بىر كەنت ئاھالىسىنى تاللاپ، ئۇنىڭ كىملىكىنى كارتا ئوقۇغۇچقا قويۇڭ. باشقۇرغۇچى پارولى: ⁦%1⁩</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/DemoControl.qml" line="67"/>
        <source>放卡</source>
        <translation>كارتا قويۇش</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/DemoControl.qml" line="74"/>
        <source>取卡</source>
        <translation>كارتا ئېلىش</translation>
    </message>
</context>
<context>
    <name>DetailScreen</name>
    <message>
        <location filename="../qml/VillageKiosk/DetailScreen.qml" line="48"/>
        <source>发放部门</source>
        <translation>تارقاتقان ئورۇن</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/DetailScreen.qml" line="49"/>
        <source>补贴标准</source>
        <translation>ئۆلچىمى</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/DetailScreen.qml" line="50"/>
        <source>政策说明</source>
        <translation>سىياسەت</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/DetailScreen.qml" line="58"/>
        <source>怎么申请</source>
        <translation>قانداق ئىلتىماس قىلىش</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/DetailScreen.qml" line="66"/>
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
    <name>LedgerScreen</name>
    <message>
        <location filename="../qml/VillageKiosk/LedgerScreen.qml" line="19"/>
        <source>凭证</source>
        <translation>ئىسپات</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/LedgerScreen.qml" line="20"/>
        <source> 收支明细</source>
        <translation> كىرىم-چىقىمى</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/LedgerScreen.qml" line="21"/>
        <source>村级财务</source>
        <translation>كەنت مالىيىسى</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/LedgerScreen.qml" line="41"/>
        <source>收入</source>
        <translation>كىرىم</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/LedgerScreen.qml" line="42"/>
        <source>支出</source>
        <translation>چىقىم</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/LedgerScreen.qml" line="43"/>
        <source>结余</source>
        <translation>قالدۇق</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/LedgerScreen.qml" line="76"/>
        <source>村里的账目还没有公开到这台机器上。</source>
        <translation>كەنتنىڭ ھېساباتى تېخى بۇ ماشىنىدا ئاشكارىلانمىدى.</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/LedgerScreen.qml" line="93"/>
        <source>全年</source>
        <translation> (پۈتۈن يىل)</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/LedgerScreen.qml" line="99"/>
        <source>点一个月份，看这个月的每一笔：</source>
        <translation>بىر ئاينى بېسىپ، شۇ ئاينىڭ ھەر بىر ھېسابىنى كۆرۈڭ:</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/LedgerScreen.qml" line="119"/>
        <source>收入 %1&#x3000;支出 %2&#x3000;结余 %3</source>
        <translation>كىرىم ⁦%1⁩&#x3000;چىقىم ⁦%2⁩&#x3000;قالدۇق ⁦%3⁩</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/LedgerScreen.qml" line="141"/>
        <source>本月</source>
        <translation>بۇ ئاي</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/LedgerScreen.qml" line="183"/>
        <source>凭证号 </source>
        <translation>ئىسپات نومۇرى </translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/LedgerScreen.qml" line="207"/>
        <source>看凭证</source>
        <translation>ئىسپاتنى كۆرۈش</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/LedgerScreen.qml" line="212"/>
        <source>这一笔有问题</source>
        <translation>بۇنىڭدا مەسىلە بار</translation>
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
        <location filename="../qml/VillageKiosk/Main.qml" line="117"/>
        <source>没有读到身份证</source>
        <translation>كىملىك ئوقۇلمىدى</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/Main.qml" line="126"/>
        <source>暂停服务</source>
        <translation>مۇلازىمەت توختىتىلدى</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/Main.qml" line="144"/>
        <source>村务公开</source>
        <translation>كەنت ئىشلىرى</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/Main.qml" line="145"/>
        <source>本村公开的事项，谁都可以看，不用身份证。</source>
        <translation>كەنتىمىز ئاشكارىلىغان ئىشلار: ھەر كىم كۆرەلەيدۇ، كىملىك كېرەك ئەمەس.</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/Main.qml" line="156"/>
        <source>公示花名册</source>
        <translation>ئاشكارىلانغان تىزىملىك</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/Main.qml" line="157"/>
        <source>县里公开的补贴名单：本村谁领了、领了多少。</source>
        <translation>ناھىيە ئاشكارىلىغان ياردەم پۇلى تىزىملىكى: كەنتتە كىم ئالدى، قانچىلىك ئالدى.</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/Main.qml" line="158"/>
        <source>本村现在没有正在公示的名单。</source>
        <translation>كەنتىمىزدە ھازىر ئاشكارىلىنىۋاتقان تىزىملىك يوق.</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/Main.qml" line="171"/>
        <source>小微权力清单</source>
        <translation>كەنت ھوقۇق تىزىملىكى</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/Main.qml" line="172"/>
        <source>村里这些事怎么办：一步一步看。</source>
        <translation>كەنتتىكى بۇ ئىشلار قانداق بېجىرىلىدۇ: قەدەممۇقەدەم كۆرۈڭ.</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/Main.qml" line="173"/>
        <source>县里还没有发布小微权力清单。</source>
        <translation>ناھىيە تېخى كەنت ھوقۇق تىزىملىكىنى ئېلان قىلمىدى.</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/Main.qml" line="198"/>
        <source>还在吗？%1 秒后自动退出，保护您的信息。</source>
        <translation>بارمۇسىز؟ ئۇچۇرىڭىزنى قوغداش ئۈچۈن ⁦%1⁩ سېكۇنتتىن كېيىن چىقىدۇ.</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/Main.qml" line="212"/>
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
        <location filename="../qml/VillageKiosk/MyComplaintsScreen.qml" line="77"/>
        <source>回复（%1）：%2</source>
        <translation>جاۋاب (⁦%1⁩): ⁦%2⁩</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/MyComplaintsScreen.qml" line="89"/>
        <source>满意</source>
        <translation>رازى</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/MyComplaintsScreen.qml" line="94"/>
        <source>不满意</source>
        <translation>نارازى</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/MyComplaintsScreen.qml" line="133"/>
        <source>您对哪一点不满意？</source>
        <translation>قايسى جەھەتتىن نارازى؟</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/MyComplaintsScreen.qml" line="153"/>
        <source>返回，不评价</source>
        <translation>قايتىش، باھا بەرمەسلىك</translation>
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
    <name>PowerScreen</name>
    <message>
        <location filename="../qml/VillageKiosk/PowerScreen.qml" line="90"/>
        <source>‹ 上一步</source>
        <translation>‹ ئالدىنقى</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/PowerScreen.qml" line="96"/>
        <source>%1 / %2</source>
        <translation>⁦%1 / %2⁩</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/PowerScreen.qml" line="106"/>
        <source>办理须知 ›</source>
        <translation>بىلىشكە تېگىشلىك ئىشلار ›</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/PowerScreen.qml" line="106"/>
        <source>下一步 ›</source>
        <translation>كېيىنكى ›</translation>
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
    <name>ProjectsScreen</name>
    <message>
        <location filename="../qml/VillageKiosk/ProjectsScreen.qml" line="19"/>
        <source>工程文件</source>
        <translation>قۇرۇلۇش ھۆججىتى</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/ProjectsScreen.qml" line="19"/>
        <source>村级工程</source>
        <translation>كەنت قۇرۇلۇشلىرى</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/ProjectsScreen.qml" line="34"/>
        <source>现在读不出这些内容，请稍后再试，或请工作人员帮助。</source>
        <translation>بۇ مەزمۇننى ھازىر ئوقۇغىلى بولمىدى، سەل تۇرۇپ قايتا سىناڭ ياكى خىزمەتچىدىن ياردەم سوراڭ.</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/ProjectsScreen.qml" line="35"/>
        <source>村里的工程还没有公开到这台机器上。</source>
        <translation>كەنتنىڭ قۇرۇلۇشلىرى بۇ ماشىنىدا تېخى ئاشكارىلانمىدى.</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/ProjectsScreen.qml" line="44"/>
        <source>点一个工程，看它从立项到决算的每一步：</source>
        <translation>بىر قۇرۇلۇشنى بېسىپ، تەستىقتىن ئاخىرقى ھېساباتقىچە ھەر بىر باسقۇچىنى كۆرۈڭ:</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/ProjectsScreen.qml" line="209"/>
        <source>看文件</source>
        <translation>ھۆججەتنى كۆرۈش</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/ProjectsScreen.qml" line="214"/>
        <source>这一笔有问题</source>
        <translation>بۇنىڭدا مەسىلە بار</translation>
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
    <name>RollRowScreen</name>
    <message>
        <location filename="../qml/VillageKiosk/RollRowScreen.qml" line="17"/>
        <source>公示名单：%1</source>
        <translation>تىزىملىك: ⁦%1⁩</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/RollRowScreen.qml" line="48"/>
        <source>家庭人口 %1</source>
        <translation>ئائىلە نوپۇسى %1</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/RollRowScreen.qml" line="62"/>
        <source>如果这一笔不对（不该领、冒领、金额不对），可以反映，不用留名字。</source>
        <translation>ئەگەر بۇ قۇر خاتا بولسا (ئالماسلىقى كېرەك ئىدى، باشقىلار ئالغان، سوممىسى خاتا)، ئىسمىڭىزنى قالدۇرماي ئىنكاس قىلسىڭىز بولىدۇ.</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/RollRowScreen.qml" line="74"/>
        <source>这一笔有问题</source>
        <translation>بۇنىڭدا مەسىلە بار</translation>
    </message>
</context>
<context>
    <name>RollScreen</name>
    <message>
        <location filename="../qml/VillageKiosk/RollScreen.qml" line="20"/>
        <source>公示名单：%1</source>
        <translation>تىزىملىك: ⁦%1⁩</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/RollScreen.qml" line="36"/>
        <source>全村合计</source>
        <translation>پۈتۈن كەنت بويىچە جەمئىي</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/RollScreen.qml" line="69"/>
        <source>按组看</source>
        <translation>گۇرۇپپا</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/RollScreen.qml" line="78"/>
        <source>按姓氏看</source>
        <translation>فامىلە</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/RollScreen.qml" line="97"/>
        <source>全部</source>
        <translation>ھەممە</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/RollScreen.qml" line="129"/>
        <source>本村现在没有这项的公示名单。</source>
        <translation>كەنتىمىزدە ھازىر بۇ تۈرنىڭ ئاشكارىلانغان تىزىملىكى يوق.</translation>
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
        <location filename="../qml/VillageKiosk/TopBar.qml" line="45"/>
        <source>结束，退出</source>
        <translation>تامام، چىقىش</translation>
    </message>
</context>
<context>
    <name>VoicePanel</name>
    <message>
        <location filename="../qml/VillageKiosk/VoicePanel.qml" line="23"/>
        <source>说出您的问题</source>
        <translation>مەسىلىڭىزنى ئېيتىڭ</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/VoicePanel.qml" line="25"/>
        <source>点一下开始说，最多说一分钟</source>
        <translation>بىر بېسىپ سۆزلەڭ، ئەڭ كۆپ بىر مىنۇت</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/VoicePanel.qml" line="35"/>
        <source>■ 说完了</source>
        <translation>■ سۆزلەپ بولدۇم</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/VoicePanel.qml" line="57"/>
        <source>正在保存录音……</source>
        <translation>ئۈن ساقلىنىۋاتىدۇ…</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/VoicePanel.qml" line="67"/>
        <source>正在播放……</source>
        <translation>قويۇلۇۋاتىدۇ…</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/VoicePanel.qml" line="67"/>
        <source>▶ 听一遍</source>
        <translation>▶ بىر ئاڭلاش</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/VoicePanel.qml" line="68"/>
        <source>录音 %1 秒</source>
        <translation>ئۈن خاتىرىسى ⁦%1⁩ سېكۇنت</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/VoicePanel.qml" line="74"/>
        <source>重新录</source>
        <translation>قايتا خاتىرىلەش</translation>
    </message>
</context>
<context>
    <name>WelcomeScreen</name>
    <message>
        <location filename="../qml/VillageKiosk/WelcomeScreen.qml" line="21"/>
        <source>惠民惠农补贴 查询</source>
        <translation>دېھقانلارغا ياردەم پۇلى سۈرۈشتۈرۈش</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/WelcomeScreen.qml" line="45"/>
        <source>读卡区</source>
        <translation>كىملىك قويۇش ئورنى</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/WelcomeScreen.qml" line="64"/>
        <source>身份证</source>
        <translation>كىملىك</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/WelcomeScreen.qml" line="82"/>
        <source>请将身份证放在读卡区</source>
        <translation>كىملىكىڭىزنى ئوقۇغۇچقا قويۇڭ</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/WelcomeScreen.qml" line="119"/>
        <source>数据更新于 %1</source>
        <translation>سانلىق مەلۇمات ⁦%1⁩ دە يېڭىلاندى</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/WelcomeScreen.qml" line="151"/>
        <source>看通知公告</source>
        <translation>ئۇقتۇرۇشلار</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/WelcomeScreen.qml" line="152"/>
        <source>不用身份证</source>
        <translation>كىملىك كېرەك ئەمەس</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/WelcomeScreen.qml" line="159"/>
        <source>村务公开</source>
        <translation>كەنت ئىشلىرى</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/WelcomeScreen.qml" line="160"/>
        <source>公示 · 村级财务 · 办事流程</source>
        <translation>تىزىملىك · مالىيە · ئىش تەرتىپى</translation>
    </message>
    <message>
        <source>公示名单 · 办事流程</source>
        <translation type="obsolete">تىزىملىك · ئىش تەرتىپى</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/WelcomeScreen.qml" line="167"/>
        <source>查询投诉</source>
        <translation>ئەرز سۈرۈشتۈرۈش</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/WelcomeScreen.qml" line="168"/>
        <source>凭受理号和查询码，不用身份证</source>
        <translation>ئەرز نومۇرى ۋە كود بىلەن، كىملىكسىز</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/WelcomeScreen.qml" line="186"/>
        <source>通知：</source>
        <translation>ئۇقتۇرۇش: </translation>
    </message>
    <message>
        <source>村级财务</source>
        <translation type="obsolete">كەنت مالىيىسى</translation>
    </message>
</context>
</TS>
