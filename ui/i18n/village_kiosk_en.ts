<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name></name>
    <message>
        <location filename="../tr.py" line="28"/>
        <source>1月</source>
        <translation>January</translation>
    </message>
    <message>
        <location filename="../tr.py" line="28"/>
        <source>2月</source>
        <translation>February</translation>
    </message>
    <message>
        <location filename="../tr.py" line="28"/>
        <source>3月</source>
        <translation>March</translation>
    </message>
    <message>
        <location filename="../tr.py" line="28"/>
        <source>4月</source>
        <translation>April</translation>
    </message>
    <message>
        <location filename="../tr.py" line="29"/>
        <source>5月</source>
        <translation>May</translation>
    </message>
    <message>
        <location filename="../tr.py" line="29"/>
        <source>6月</source>
        <translation>June</translation>
    </message>
    <message>
        <location filename="../tr.py" line="29"/>
        <source>7月</source>
        <translation>July</translation>
    </message>
    <message>
        <location filename="../tr.py" line="29"/>
        <source>8月</source>
        <translation>August</translation>
    </message>
    <message>
        <location filename="../tr.py" line="30"/>
        <source>9月</source>
        <translation>September</translation>
    </message>
    <message>
        <location filename="../tr.py" line="30"/>
        <source>10月</source>
        <translation>October</translation>
    </message>
    <message>
        <location filename="../tr.py" line="30"/>
        <source>11月</source>
        <translation>November</translation>
    </message>
    <message>
        <location filename="../tr.py" line="30"/>
        <source>12月</source>
        <translation>December</translation>
    </message>
    <message>
        <location filename="../tr.py" line="31"/>
        <source>星期一</source>
        <translation>Mon</translation>
    </message>
    <message>
        <location filename="../tr.py" line="31"/>
        <source>星期二</source>
        <translation>Tue</translation>
    </message>
    <message>
        <location filename="../tr.py" line="31"/>
        <source>星期三</source>
        <translation>Wed</translation>
    </message>
    <message>
        <location filename="../tr.py" line="32"/>
        <source>星期四</source>
        <translation>Thu</translation>
    </message>
    <message>
        <location filename="../tr.py" line="32"/>
        <source>星期五</source>
        <translation>Fri</translation>
    </message>
    <message>
        <location filename="../tr.py" line="32"/>
        <source>星期六</source>
        <translation>Sat</translation>
    </message>
    <message>
        <location filename="../tr.py" line="33"/>
        <source>星期日</source>
        <translation>Sun</translation>
    </message>
    <message>
        <location filename="../tr.py" line="58"/>
        <source>{year}年{month}月{day}日</source>
        <translation>{day} {month_name} {year}</translation>
    </message>
    <message>
        <location filename="../tr.py" line="64"/>
        <source>{year}年{month}月</source>
        <translation>{month_name} {year}</translation>
    </message>
    <message>
        <location filename="../tr.py" line="70"/>
        <source>{month}月{day}日</source>
        <translation>{day} {month_name}</translation>
    </message>
    <message>
        <location filename="../tr.py" line="76"/>
        <source>{date} {weekday}</source>
        <translation>{weekday} {date}</translation>
    </message>
    <message>
        <location filename="../wording.py" line="38"/>
        <source>没有读到身份证。请把身份证平放在读卡区，不要移动，再试一次。</source>
        <translation>The ID card could not be read. Lay it flat on the reader, keep it still, and try again.</translation>
    </message>
    <message>
        <location filename="../wording.py" line="39"/>
        <source>这种证件暂时不能查询。请使用第二代居民身份证，或请工作人员帮助。</source>
        <translation>This card cannot be used here. Please use a second-generation resident ID card, or ask the staff for help.</translation>
    </message>
    <message>
        <location filename="../wording.py" line="40"/>
        <source>读卡器暂时不能使用，请告诉村里的工作人员。</source>
        <translation>The card reader is not working at the moment. Please tell the village staff.</translation>
    </message>
    <message>
        <location filename="../wording.py" line="42"/>
        <source>读卡器没有反应，请把身份证拿起来重新放一下。</source>
        <extracomment>The reader stopped answering while a card lay on it (idcard.timeout).</extracomment>
        <translation>The card reader does not respond. Lift the ID card and lay it down again.</translation>
    </message>
    <message>
        <location filename="../wording.py" line="43"/>
        <source>查询服务暂时不能使用，请告诉村里的工作人员。</source>
        <translation>The lookup service is not available at the moment. Please tell the village staff.</translation>
    </message>
    <message>
        <location filename="../wording.py" line="46"/>
        <source>读卡器未启动</source>
        <translation>Reader not started</translation>
    </message>
    <message>
        <location filename="../wording.py" line="47"/>
        <source>正在连接读卡器</source>
        <translation>Connecting to the reader</translation>
    </message>
    <message>
        <location filename="../wording.py" line="48"/>
        <source>读卡器正常</source>
        <translation>Reader working</translation>
    </message>
    <message>
        <location filename="../wording.py" line="49"/>
        <source>读卡器正常（有卡）</source>
        <translation>Reader working (card on it)</translation>
    </message>
    <message>
        <location filename="../wording.py" line="50"/>
        <source>正在读卡</source>
        <translation>Reading a card</translation>
    </message>
    <message>
        <location filename="../wording.py" line="51"/>
        <source>读卡器没有响应</source>
        <translation>Reader not responding</translation>
    </message>
    <message>
        <location filename="../wording.py" line="52"/>
        <source>读卡器已断开，正在重新连接</source>
        <translation>Reader disconnected, reconnecting</translation>
    </message>
    <message>
        <location filename="../wording.py" line="53"/>
        <source>找不到读卡器</source>
        <translation>No reader found</translation>
    </message>
    <message>
        <location filename="../wording.py" line="54"/>
        <source>读卡器安全模块故障</source>
        <translation>Reader security module (SAM) fault</translation>
    </message>
    <message>
        <location filename="../wording.py" line="58"/>
        <location filename="../wording.py" line="70"/>
        <source>打印机正常</source>
        <extracomment>The printer&apos;s states as a villager reads them (the clerk&apos;s table above stays Chinese).</extracomment>
        <translation>The printer is working</translation>
    </message>
    <message>
        <location filename="../wording.py" line="59"/>
        <location filename="../wording.py" line="71"/>
        <source>打印纸快用完了</source>
        <translation>The printer paper is running out</translation>
    </message>
    <message>
        <location filename="../wording.py" line="60"/>
        <location filename="../wording.py" line="72"/>
        <source>打印机没有纸了</source>
        <translation>The printer is out of paper</translation>
    </message>
    <message>
        <location filename="../wording.py" line="61"/>
        <location filename="../wording.py" line="73"/>
        <source>打印机盖子没有关好</source>
        <translation>The printer&apos;s cover is open</translation>
    </message>
    <message>
        <location filename="../wording.py" line="62"/>
        <location filename="../wording.py" line="74"/>
        <source>打印机离线</source>
        <translation>The printer is offline</translation>
    </message>
    <message>
        <location filename="../wording.py" line="63"/>
        <location filename="../wording.py" line="75"/>
        <source>打印机没有响应</source>
        <translation>The printer does not respond</translation>
    </message>
    <message>
        <location filename="../wording.py" line="64"/>
        <location filename="../wording.py" line="76"/>
        <source>打印机没有连接</source>
        <translation>The printer is not connected</translation>
    </message>
    <message>
        <location filename="../wording.py" line="65"/>
        <location filename="../wording.py" line="77"/>
        <source>打印机状态无法查询</source>
        <translation>The printer&apos;s state cannot be checked</translation>
    </message>
    <message>
        <location filename="../wording.py" line="81"/>
        <source>钱没有收到</source>
        <translation>Money not received</translation>
    </message>
    <message>
        <location filename="../wording.py" line="82"/>
        <source>金额不对</source>
        <translation>Wrong amount</translation>
    </message>
    <message>
        <location filename="../wording.py" line="83"/>
        <source>被别人冒领</source>
        <translation>Taken by someone else</translation>
    </message>
    <message>
        <location filename="../wording.py" line="84"/>
        <source>不该有我的名字</source>
        <translation>My name should not be on it</translation>
    </message>
    <message>
        <location filename="../wording.py" line="85"/>
        <source>办事作风问题</source>
        <translation>Officials&apos; conduct</translation>
    </message>
    <message>
        <location filename="../wording.py" line="86"/>
        <source>其他问题</source>
        <translation>Something else</translation>
    </message>
    <message>
        <location filename="../wording.py" line="94"/>
        <source>打印机出了问题</source>
        <translation>The printer has a problem</translation>
    </message>
    <message>
        <location filename="../wording.py" line="95"/>
        <source>这台机器没有接打印机</source>
        <translation>This kiosk has no printer</translation>
    </message>
    <message>
        <location filename="../wording.py" line="96"/>
        <source>{what}，不能打印。请用手机扫描下面的二维码保存凭条，或请工作人员帮助。</source>
        <translation>{what}: cannot print. Scan the QR code below with your phone to keep the receipt, or ask the staff for help.</translation>
    </message>
    <message>
        <location filename="../wording.py" line="103"/>
        <source>没有</source>
        <translation>None</translation>
    </message>
    <message>
        <location filename="../wording.py" line="104"/>
        <source>等</source>
        <translation> and more</translation>
    </message>
    <message>
        <location filename="../wording.py" line="105"/>
        <source>{count} 条：{tickets}{more}，请把编号报给县里</source>
        <translation>{count}: {tickets}{more}; please report the numbers to the county</translation>
    </message>
    <message>
        <location filename="../wording.py" line="106"/>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <location filename="../wording.py" line="111"/>
        <source>县里暂时不再接收本机的新投诉（短时间内太多）。投诉都保存在本机，稍后会自动再发，不会丢失；如一直如此，请告诉县里。</source>
        <extracomment>What the clerk reads for a sync error code whose English message says nothing to them.</extracomment>
        <translation>The county is not taking new complaints from this kiosk for now (too many in a short time). They are all kept here and will be sent again later, none is lost; if this goes on, tell the county.</translation>
    </message>
    <message>
        <location filename="../wording.py" line="125"/>
        <source>没有更新记录</source>
        <translation>No update yet</translation>
    </message>
    <message>
        <location filename="../wording.py" line="133"/>
        <source>{version} 已装好（{when}）</source>
        <translation>{version} installed ({when})</translation>
    </message>
    <message>
        <location filename="../wording.py" line="135"/>
        <source>{version} 没有通过校验，没有安装（{code}）</source>
        <translation>{version} failed verification, not installed ({code})</translation>
    </message>
    <message>
        <location filename="../wording.py" line="137"/>
        <source>原版本</source>
        <translation> the previous version</translation>
    </message>
    <message>
        <location filename="../wording.py" line="138"/>
        <source>{version} 没装成，已退回{back}（{code}）</source>
        <translation>{version} not installed, back to{back} ({code})</translation>
    </message>
    <message>
        <location filename="../wording.py" line="140"/>
        <source>{version} 没装成，仍用原版本（{code}）</source>
        <translation>{version} not installed, the previous version still runs ({code})</translation>
    </message>
    <message>
        <location filename="../wording.py" line="149"/>
        <source>{version} 等到 {window} 再安装</source>
        <translation>{version} will be installed at {window}</translation>
    </message>
    <message>
        <location filename="../wording.py" line="150"/>
        <source>{version} 等没人使用时再安装</source>
        <translation>{version} will be installed when nobody is using the kiosk</translation>
    </message>
    <message>
        <location filename="../viewmodels/app.py" line="182"/>
        <location filename="../viewmodels/benefits.py" line="95"/>
        <source>尚未同步</source>
        <extracomment>A language was chosen (code); the window installs its translation (ui.app).</extracomment>
        <translation>not synced yet</translation>
    </message>
    <message>
        <location filename="../viewmodels/benefits.py" line="36"/>
        <source>已发放</source>
        <extracomment>The payment statuses as the screen shows them (kiosk.lookup.STATUS_LABELS_ZH, marked for translation; the speech keeps the Chinese table).</extracomment>
        <translation>Paid</translation>
    </message>
    <message>
        <location filename="../viewmodels/benefits.py" line="36"/>
        <source>待发放</source>
        <translation>To be paid</translation>
    </message>
    <message>
        <location filename="../viewmodels/benefits.py" line="37"/>
        <source>被退回</source>
        <translation>Returned</translation>
    </message>
    <message>
        <location filename="../viewmodels/benefits.py" line="45"/>
        <source>（全户）</source>
        <translation> (whole household)</translation>
    </message>
    <message>
        <location filename="../viewmodels/benefits.py" line="90"/>
        <location filename="../viewmodels/ledger.py" line="133"/>
        <source>{year}年</source>
        <translation>{year}</translation>
    </message>
    <message>
        <location filename="../viewmodels/benefits.py" line="97"/>
        <source>您有 {count} 条投诉已经有了回复，请点“我的投诉”查看。</source>
        <translation>Complaints answered: {count}. Tap &quot;My complaints&quot; to read the replies.</translation>
    </message>
    <message>
        <location filename="../viewmodels/benefits.py" line="115"/>
        <source>还有 {amount} 待发放</source>
        <translation>{amount} still to be paid</translation>
    </message>
    <message>
        <location filename="../viewmodels/benefits.py" line="117"/>
        <source>有 {amount} 被银行退回</source>
        <translation>{amount} returned by the bank</translation>
    </message>
    <message>
        <location filename="../viewmodels/benefits.py" line="118"/>
        <source>{year}年已发放合计</source>
        <translation>Paid in {year}, in all</translation>
    </message>
    <message>
        <location filename="../viewmodels/benefits.py" line="121"/>
        <source>，</source>
        <translation>; </translation>
    </message>
    <message>
        <location filename="../viewmodels/benefits.py" line="159"/>
        <source>{name}，共 {count} 步</source>
        <translation>{name}, {count} steps</translation>
    </message>
    <message>
        <location filename="../viewmodels/benefits.py" line="161"/>
        <source>共 {count} 笔，已发放 {amount}</source>
        <translation>{count} payments, {amount} paid</translation>
    </message>
    <message>
        <location filename="../viewmodels/complaint.py" line="125"/>
        <source>关于这项补贴</source>
        <extracomment>The six-digit query code of the complaint just filed (shown and printed, never logged). Emitted with the ticket number once the complaint is safely in the outbox. The spoken complaint of this draft (说出您的问题).</extracomment>
        <translation>About this benefit</translation>
    </message>
    <message>
        <location filename="../viewmodels/complaint.py" line="127"/>
        <source>别的事情</source>
        <translation>Something else</translation>
    </message>
    <message>
        <location filename="../viewmodels/complaint.py" line="127"/>
        <source>没有列出的补贴，或其他问题</source>
        <translation>A benefit not listed, or another problem</translation>
    </message>
    <message>
        <location filename="../viewmodels/complaint.py" line="130"/>
        <source>关于这一笔</source>
        <translation>About this entry</translation>
    </message>
    <message>
        <location filename="../viewmodels/complaint.py" line="173"/>
        <source>，太长了，请删减</source>
        <translation>, too long, please shorten it</translation>
    </message>
    <message>
        <location filename="../viewmodels/complaint.py" line="174"/>
        <source>{count} / {most} 字{over}</source>
        <translation>{count} / {most} characters{over}</translation>
    </message>
    <message>
        <location filename="../viewmodels/complaint.py" line="193"/>
        <source>没有读到身份证，只能匿名反映。</source>
        <translation>No ID card was read: the complaint can only be anonymous.</translation>
    </message>
    <message>
        <location filename="../viewmodels/complaint.py" line="204"/>
        <source>内容太长了，最多 {most} 个字。</source>
        <translation>The text is too long: at most {most} characters.</translation>
    </message>
    <message>
        <location filename="../viewmodels/complaint.py" line="211"/>
        <source>电话号码不对。手机号是 11 位数字，以 1 开头。也可以不留电话。</source>
        <translation>That phone number is not right. A mobile number has 11 digits and starts with 1. You may also leave no number.</translation>
    </message>
    <message>
        <location filename="../viewmodels/complaint.py" line="245"/>
        <source>内容有问题，请检查后再提交。</source>
        <translation>Something in the complaint is not right: please check it and submit again.</translation>
    </message>
    <message>
        <location filename="../viewmodels/complaint.py" line="250"/>
        <source>没有提交成功，您写的内容还在。请再点一次“提交”，或请工作人员帮助。</source>
        <translation>The complaint was not submitted; what you wrote is kept. Tap &quot;Submit&quot; again, or ask the staff for help.</translation>
    </message>
    <message>
        <location filename="../viewmodels/complaintquery.py" line="45"/>
        <source>编号或查询码不对，没有查到这件投诉。请对照回执上的“投诉受理号”和“查询码”再输一次。</source>
        <extracomment>What the screen says when the county found nothing, by the error&apos;s code.</extracomment>
        <translation>No complaint has that number and query code. Check the complaint number and the query code on the receipt and enter them again.</translation>
    </message>
    <message>
        <location filename="../viewmodels/complaintquery.py" line="47"/>
        <source>这件投诉的查询码输错次数太多，已暂时锁定。请一小时后再试，或请工作人员帮助。</source>
        <translation>The query code of this complaint was entered wrongly too often; it is locked for now. Try again in an hour, or ask the staff for help.</translation>
    </message>
    <message>
        <location filename="../viewmodels/complaintquery.py" line="49"/>
        <source>现在连不上县里，请稍后再试。</source>
        <translation>The county cannot be reached now; please try again later.</translation>
    </message>
    <message>
        <location filename="../viewmodels/complaintquery.py" line="50"/>
        <source>本机现在不能查询投诉，请工作人员处理。</source>
        <translation>This kiosk cannot look up complaints now; please ask the staff.</translation>
    </message>
    <message>
        <location filename="../viewmodels/complaintquery.py" line="52"/>
        <source>编号不对。编号在回执“投诉受理号”后面，像 QS01-000001。</source>
        <translation>That number is not right. It is printed after &quot;Complaint number&quot; on the receipt, like QS01-000001.</translation>
    </message>
    <message>
        <location filename="../viewmodels/complaintquery.py" line="53"/>
        <source>查询码是6位数字，请输完整。</source>
        <translation>The query code has 6 digits: please enter all of them.</translation>
    </message>
    <message>
        <location filename="../viewmodels/complaintquery.py" line="54"/>
        <source>没有查到，请稍后再试，或请工作人员帮助。</source>
        <translation>Nothing was found; please try again later, or ask the staff for help.</translation>
    </message>
    <message>
        <location filename="../viewmodels/complaintquery.py" line="55"/>
        <location filename="../viewmodels/mycomplaints.py" line="41"/>
        <source>已受理，等待分派</source>
        <translation>Accepted, waiting to be assigned</translation>
    </message>
    <message>
        <location filename="../viewmodels/complaintquery.py" line="55"/>
        <location filename="../viewmodels/complaintquery.py" line="56"/>
        <location filename="../viewmodels/mycomplaints.py" line="41"/>
        <location filename="../viewmodels/mycomplaints.py" line="42"/>
        <source>正在办理</source>
        <translation>Being handled</translation>
    </message>
    <message>
        <location filename="../viewmodels/complaintquery.py" line="56"/>
        <source>已答复</source>
        <translation>Answered</translation>
    </message>
    <message>
        <location filename="../viewmodels/complaintquery.py" line="57"/>
        <location filename="../viewmodels/mycomplaints.py" line="43"/>
        <source>已办结</source>
        <translation>Closed</translation>
    </message>
    <message>
        <location filename="../viewmodels/complaintquery.py" line="57"/>
        <location filename="../viewmodels/mycomplaints.py" line="43"/>
        <source>重新办理中</source>
        <translation>Being handled again</translation>
    </message>
    <message>
        <location filename="../viewmodels/mycomplaints.py" line="37"/>
        <source>已登记，等待网络送到县纪委</source>
        <translation>Recorded; waiting for the network to send it to the county</translation>
    </message>
    <message>
        <location filename="../viewmodels/mycomplaints.py" line="38"/>
        <source>已送到县纪委，正在办理</source>
        <translation>Sent to the county, being handled</translation>
    </message>
    <message>
        <location filename="../viewmodels/mycomplaints.py" line="39"/>
        <source>没有送达，请工作人员处理</source>
        <translation>Not delivered: please ask the staff</translation>
    </message>
    <message>
        <location filename="../viewmodels/mycomplaints.py" line="42"/>
        <source>已答复，请您评价</source>
        <translation>Answered: please say if you are satisfied</translation>
    </message>
    <message>
        <location filename="../viewmodels/mycomplaints.py" line="44"/>
        <source>乡镇办理</source>
        <translation>by the township</translation>
    </message>
    <message>
        <location filename="../viewmodels/mycomplaints.py" line="44"/>
        <source>县纪委办理</source>
        <translation>by the county discipline office</translation>
    </message>
    <message>
        <location filename="../viewmodels/mycomplaints.py" line="45"/>
        <source>没有解决问题</source>
        <translation>The problem is not solved</translation>
    </message>
    <message>
        <location filename="../viewmodels/mycomplaints.py" line="45"/>
        <source>答复与事实不符</source>
        <translation>The answer does not match the facts</translation>
    </message>
    <message>
        <location filename="../viewmodels/mycomplaints.py" line="46"/>
        <source>办理太慢</source>
        <translation>Too slow</translation>
    </message>
    <message>
        <location filename="../viewmodels/mycomplaints.py" line="46"/>
        <source>态度不好</source>
        <translation>Unfriendly</translation>
    </message>
    <message>
        <location filename="../viewmodels/mycomplaints.py" line="47"/>
        <source>其他原因</source>
        <translation>Another reason</translation>
    </message>
    <message>
        <location filename="../viewmodels/mycomplaints.py" line="48"/>
        <source>受理</source>
        <translation>Accepted</translation>
    </message>
    <message>
        <location filename="../viewmodels/mycomplaints.py" line="48"/>
        <source>办理</source>
        <translation>Handled</translation>
    </message>
    <message>
        <location filename="../viewmodels/mycomplaints.py" line="48"/>
        <source>答复</source>
        <translation>Answered</translation>
    </message>
    <message>
        <location filename="../viewmodels/mycomplaints.py" line="48"/>
        <source>办结</source>
        <translation>Closed</translation>
    </message>
    <message>
        <location filename="../viewmodels/mycomplaints.py" line="78"/>
        <source>县纪委已回复</source>
        <translation>The county has replied</translation>
    </message>
    <message>
        <location filename="../viewmodels/mycomplaints.py" line="80"/>
        <source>您已评价：满意</source>
        <translation>You said: satisfied</translation>
    </message>
    <message>
        <location filename="../viewmodels/mycomplaints.py" line="80"/>
        <source>您已评价：不满意，将转到上一级重新办理</source>
        <translation>You said: not satisfied; it goes to the next level up to be handled again</translation>
    </message>
    <message>
        <location filename="../viewmodels/mycomplaints.py" line="89"/>
        <source>{status}（{level}）</source>
        <translation>{status} ({level})</translation>
    </message>
    <message>
        <location filename="../viewmodels/mycomplaints.py" line="130"/>
        <source>提交于 {time}</source>
        <translation>Submitted {time}</translation>
    </message>
    <message>
        <location filename="../viewmodels/mycomplaints.py" line="154"/>
        <source>谢谢您的评价。</source>
        <translation>Thank you for your answer.</translation>
    </message>
    <message>
        <location filename="../viewmodels/mycomplaints.py" line="155"/>
        <source>您的投诉将转到上一级重新办理。</source>
        <translation>Your complaint goes to the next level up to be handled again.</translation>
    </message>
    <message>
        <location filename="../viewmodels/notices.py" line="30"/>
        <source>政策</source>
        <extracomment>The kinds&apos; names on the tabs (kiosk.catalogue.NOTICE_KINDS, marked for translation).</extracomment>
        <translation>Policies</translation>
    </message>
    <message>
        <location filename="../viewmodels/notices.py" line="30"/>
        <source>村务公开</source>
        <translation>Village affairs</translation>
    </message>
    <message>
        <location filename="../viewmodels/notices.py" line="30"/>
        <location filename="../viewmodels/public.py" line="46"/>
        <source>村级财务</source>
        <translation>Village finances</translation>
    </message>
    <message>
        <location filename="../viewmodels/notices.py" line="31"/>
        <source>公示</source>
        <translation>Public notices</translation>
    </message>
    <message>
        <location filename="../viewmodels/notices.py" line="95"/>
        <source>，有效期至 {date}</source>
        <translation>, valid until {date}</translation>
    </message>
    <message>
        <location filename="../viewmodels/notices.py" line="98"/>
        <source>{kind} · 发布于 {date}{until}</source>
        <translation>{kind} · published {date}{until}</translation>
    </message>
    <message>
        <location filename="../viewmodels/printing.py" line="21"/>
        <source>打印好了，请从出纸口取走凭条。</source>
        <translation>Printed: please take the receipt from the slot.</translation>
    </message>
    <message>
        <location filename="../viewmodels/printing.py" line="47"/>
        <source>凭条</source>
        <extracomment>Builds and prints the current receipt; runs on the printer worker, must not touch Qt. What is printed (ui.viewmodels.app), marked for translation.</extracomment>
        <translation>receipt</translation>
    </message>
    <message>
        <location filename="../viewmodels/printing.py" line="47"/>
        <source>投诉回执</source>
        <translation>complaint receipt</translation>
    </message>
    <message>
        <location filename="../viewmodels/printing.py" line="74"/>
        <source>正在打印{what}，请稍等……</source>
        <translation>Printing the {what}, please wait…</translation>
    </message>
    <message>
        <location filename="../app.py" line="217"/>
        <source>{code}（未注册）</source>
        <extracomment>How long teardown waits for a running print job or probe (a slow serial print).</extracomment>
        <translation>{code} (not enrolled)</translation>
    </message>
    <message>
        <location filename="../app.py" line="228"/>
        <source>正常</source>
        <translation>Working</translation>
    </message>
    <message>
        <location filename="../app.py" line="229"/>
        <source>不可用：{problem}</source>
        <translation>Not usable: {problem}</translation>
    </message>
    <message>
        <location filename="../app.py" line="234"/>
        <source>从未同步</source>
        <translation>Never synced</translation>
    </message>
    <message>
        <location filename="../app.py" line="237"/>
        <source>（上次错误：{why}）</source>
        <translation> (last error: {why})</translation>
    </message>
    <message>
        <location filename="../app.py" line="239"/>
        <source>{count} 条</source>
        <translation>{count}</translation>
    </message>
    <message>
        <location filename="../viewmodels/speech.py" line="39"/>
        <source>英文</source>
        <extracomment>The UI languages other than Chinese, as the clerk screen names them.</extracomment>
        <translation>English</translation>
    </message>
    <message>
        <location filename="../viewmodels/speech.py" line="39"/>
        <source>维吾尔文</source>
        <translation>Uyghur</translation>
    </message>
    <message>
        <location filename="../viewmodels/speech.py" line="94"/>
        <source>{problem}（朗读按钮已隐藏）</source>
        <translation>{problem} (the read-aloud button is hidden)</translation>
    </message>
    <message>
        <source>正常（espeak-ng，普通话）</source>
        <translation type="vanished">Working (espeak-ng, Mandarin)</translation>
    </message>
    <message>
        <location filename="../viewmodels/speech.py" line="95"/>
        <source>{language}界面没有朗读：{problem}（朗读按钮已隐藏）</source>
        <translation>No read-aloud in {language}: {problem} (speaker button hidden)</translation>
    </message>
    <message>
        <location filename="../app.py" line="246"/>
        <source>正常（espeak-ng：普通话、英文、维吾尔文）</source>
        <translation>Working (espeak-ng: Mandarin, English, Uyghur)</translation>
    </message>
    <message>
        <location filename="../app.py" line="271"/>
        <location filename="../app.py" line="297"/>
        <source>没有设置打印机</source>
        <translation>No printer configured</translation>
    </message>
    <message>
        <location filename="../app.py" line="279"/>
        <source>不可用（{code}）</source>
        <translation>Not usable ({code})</translation>
    </message>
    <message>
        <location filename="../app.py" line="291"/>
        <location filename="../app.py" line="315"/>
        <source>失败：{error}</source>
        <translation>Failed: {error}</translation>
    </message>
    <message>
        <location filename="../app.py" line="311"/>
        <source>已打印</source>
        <translation>Printed</translation>
    </message>
    <message>
        <location filename="../app.py" line="328"/>
        <location filename="../app.py" line="379"/>
        <source>失败</source>
        <translation>Failed</translation>
    </message>
    <message>
        <location filename="../app.py" line="344"/>
        <source>同步成功</source>
        <translation>Synced</translation>
    </message>
    <message>
        <location filename="../app.py" line="349"/>
        <location filename="../app.py" line="353"/>
        <location filename="../app.py" line="358"/>
        <source>同步失败：</source>
        <translation>Sync failed: </translation>
    </message>
    <message>
        <location filename="../app.py" line="351"/>
        <source>正在同步……</source>
        <translation>Syncing…</translation>
    </message>
    <message>
        <location filename="../app.py" line="363"/>
        <source>正在检查U盘……</source>
        <translation>Checking the USB stick…</translation>
    </message>
    <message>
        <location filename="../playback.py" line="37"/>
        <source>没有找到声音输出设备（音箱或耳机）</source>
        <translation>No sound output found (speaker or headphones)</translation>
    </message>
    <message>
        <location filename="../viewmodels/clerk.py" line="84"/>
        <source>本机没有设置管理密码，管理界面已关闭。</source>
        <extracomment>Reads the terminal&apos;s state for the clerk (database, devices, sync): a dict of texts. How long a job&apos;s result stays in its row, in seconds.</extracomment>
        <translation>This kiosk has no staff PIN set: the staff screen is closed.</translation>
    </message>
    <message>
        <location filename="../viewmodels/clerk.py" line="91"/>
        <source>密码错误次数太多，请 {minutes} 分钟后再试。</source>
        <translation>Too many wrong PINs: try again in {minutes} min.</translation>
    </message>
    <message>
        <location filename="../viewmodels/clerk.py" line="125"/>
        <source>密码不对，还可以再试 {left} 次。</source>
        <translation>Wrong PIN; {left} more tries.</translation>
    </message>
    <message>
        <location filename="../viewmodels/clerk.py" line="159"/>
        <source>读取状态失败：{error}</source>
        <translation>Could not read the state: {error}</translation>
    </message>
    <message>
        <location filename="../viewmodels/clerk.py" line="162"/>
        <source>终端编号</source>
        <translation>Terminal</translation>
    </message>
    <message>
        <location filename="../viewmodels/clerk.py" line="162"/>
        <source>所在村</source>
        <translation>Village</translation>
    </message>
    <message>
        <location filename="../viewmodels/clerk.py" line="163"/>
        <source>读卡器</source>
        <translation>Card reader</translation>
    </message>
    <message>
        <location filename="../viewmodels/clerk.py" line="163"/>
        <source>打印机</source>
        <translation>Printer</translation>
    </message>
    <message>
        <location filename="../viewmodels/clerk.py" line="164"/>
        <source>上次同步</source>
        <translation>Last sync</translation>
    </message>
    <message>
        <location filename="../viewmodels/clerk.py" line="164"/>
        <source>待发送投诉</source>
        <translation>Complaints to send</translation>
    </message>
    <message>
        <location filename="../viewmodels/clerk.py" line="165"/>
        <source>被退回投诉</source>
        <translation>Complaints refused</translation>
    </message>
    <message>
        <location filename="../viewmodels/clerk.py" line="165"/>
        <source>软件版本</source>
        <translation>Software version</translation>
    </message>
    <message>
        <location filename="../viewmodels/clerk.py" line="166"/>
        <source>上次更新</source>
        <translation>Last update</translation>
    </message>
    <message>
        <location filename="../viewmodels/clerk.py" line="166"/>
        <source>U盘更新</source>
        <translation>USB update</translation>
    </message>
    <message>
        <location filename="../viewmodels/clerk.py" line="167"/>
        <source>数据库</source>
        <translation>Database</translation>
    </message>
    <message>
        <location filename="../viewmodels/clerk.py" line="168"/>
        <source>朗读</source>
        <translation>Read-aloud</translation>
    </message>
    <message>
        <location filename="../viewmodels/clerk.py" line="190"/>
        <source>不能调节亮度：{error}</source>
        <translation>Cannot change the brightness: {error}</translation>
    </message>
    <message>
        <location filename="../viewmodels/ledger.py" line="40"/>
        <source>收入</source>
        <extracomment>An entry&apos;s kind as shown (kiosk.ledger.KIND_LABELS_ZH, through :func:`ui.tr.tr`).</extracomment>
        <translation>Income</translation>
    </message>
    <message>
        <location filename="../viewmodels/ledger.py" line="40"/>
        <source>支出</source>
        <translation>Expense</translation>
    </message>
    <message>
        <location filename="../viewmodels/ledger.py" line="41"/>
        <source>凭证</source>
        <translation>Voucher</translation>
    </message>
    <message>
        <location filename="../viewmodels/public.py" line="44"/>
        <source>公示花名册</source>
        <extracomment>The hub&apos;s sections: (key, label, hint), in the order shown; Chinese source texts, shown through :func:`ui.tr.tr` (read aloud as they are).</extracomment>
        <translation>Public rolls</translation>
    </message>
    <message>
        <location filename="../viewmodels/public.py" line="44"/>
        <source>本村谁领了哪项补贴、领了多少</source>
        <translation>Who in the village received which benefit, and how much</translation>
    </message>
    <message>
        <location filename="../viewmodels/public.py" line="45"/>
        <source>小微权力清单</source>
        <translation>Village powers list</translation>
    </message>
    <message>
        <location filename="../viewmodels/public.py" line="45"/>
        <source>村里的事怎么办、谁来定、去哪里反映</source>
        <translation>How village matters are handled, who decides, where to complain</translation>
    </message>
    <message>
        <location filename="../viewmodels/public.py" line="46"/>
        <source>村里每个月的收入、支出和凭证</source>
        <translation>The village&apos;s income, spending and vouchers, month by month</translation>
    </message>
    <message>
        <location filename="../viewmodels/public.py" line="47"/>
        <source>村级工程</source>
        <translation>Village projects</translation>
    </message>
    <message>
        <location filename="../viewmodels/public.py" line="47"/>
        <source>修路、饮水等工程的钱和进度</source>
        <translation>Roads, drinking water and other works: money and progress</translation>
    </message>
    <message>
        <location filename="../viewmodels/public.py" line="49"/>
        <source>现在读不出这些内容，请稍后再试，或请工作人员帮助。</source>
        <translation>This cannot be read just now. Please try again later, or ask the staff for help.</translation>
    </message>
    <message>
        <location filename="../viewmodels/public.py" line="51"/>
        <source>办理须知</source>
        <extracomment>The page after a power&apos;s last step, and its lines&apos; labels.</extracomment>
        <translation>What to know</translation>
    </message>
    <message>
        <location filename="../viewmodels/public.py" line="52"/>
        <source>需要带的材料</source>
        <translation>What to bring</translation>
    </message>
    <message>
        <location filename="../viewmodels/public.py" line="52"/>
        <source>谁来决定</source>
        <translation>Who decides</translation>
    </message>
    <message>
        <location filename="../viewmodels/public.py" line="53"/>
        <source>办理时限</source>
        <translation>Time limit</translation>
    </message>
    <message>
        <location filename="../viewmodels/public.py" line="53"/>
        <source>有问题找谁</source>
        <translation>Where to complain</translation>
    </message>
    <message>
        <location filename="../viewmodels/public.py" line="86"/>
        <source>{count}人</source>
        <translation>Household of {count}</translation>
    </message>
    <message>
        <location filename="../viewmodels/public.py" line="179"/>
        <source>{rows} 条，合计 {total}</source>
        <translation>{rows} lines, {total} in all</translation>
    </message>
    <message>
        <location filename="../viewmodels/public.py" line="187"/>
        <source>共 {count} 步</source>
        <translation>{count} steps</translation>
    </message>
    <message>
        <location filename="../viewmodels/public.py" line="236"/>
        <source>姓 {letter}</source>
        <translation>Surname {letter}</translation>
    </message>
    <message>
        <location filename="../viewmodels/public.py" line="244"/>
        <source>共 {count} 条</source>
        <translation>{count} lines</translation>
    </message>
    <message>
        <location filename="../viewmodels/public.py" line="245"/>
        <source>{label}：{count} 条，{total}</source>
        <translation>{label}: {count} lines, {total}</translation>
    </message>
    <message>
        <location filename="../viewmodels/public.py" line="265"/>
        <source>{item}：{name} {period} {amount}</source>
        <translation>{item}: {name} {period} {amount}</translation>
    </message>
    <message>
        <location filename="../viewmodels/public.py" line="303"/>
        <source>第{number}步  {title}</source>
        <translation>Step {number}  {title}</translation>
    </message>
    <message>
        <location filename="../usb_update.py" line="29"/>
        <source>文件不完整，可能没有拷完，请重新拷一次</source>
        <extracomment>Why a stick&apos;s bundle was not taken, for the clerk (the code follows in brackets).</extracomment>
        <translation>The file is incomplete (not fully copied?): copy it again</translation>
    </message>
    <message>
        <location filename="../usb_update.py" line="30"/>
        <source>不是本系统的更新文件</source>
        <translation>Not an update file of this system</translation>
    </message>
    <message>
        <location filename="../usb_update.py" line="31"/>
        <source>不是本县签发的更新文件</source>
        <translation>Not an update signed by this county</translation>
    </message>
    <message>
        <location filename="../usb_update.py" line="32"/>
        <source>文件被改动过，签名不对</source>
        <translation>The file was altered: its signature does not match</translation>
    </message>
    <message>
        <location filename="../usb_update.py" line="33"/>
        <source>这个更新已经过期，请向县里要新的</source>
        <translation>This update has expired: ask the county for a new one</translation>
    </message>
    <message>
        <location filename="../usb_update.py" line="34"/>
        <source>这个更新不是发给本机的</source>
        <translation>This update is not meant for this kiosk</translation>
    </message>
    <message>
        <location filename="../usb_update.py" line="35"/>
        <source>文件已损坏或被改动过</source>
        <translation>The file is damaged or was altered</translation>
    </message>
    <message>
        <location filename="../usb_update.py" line="36"/>
        <source>比本机现在的版本旧，不能装</source>
        <translation>Older than the version this kiosk runs: not installed</translation>
    </message>
    <message>
        <location filename="../usb_update.py" line="37"/>
        <source>本机还没有县里的发布密钥，请先联网同步一次</source>
        <translation>This kiosk has no county release key yet: sync once online first</translation>
    </message>
    <message>
        <location filename="../usb_update.py" line="38"/>
        <source>U盘里没有更新文件（要放在U盘最外层或 village-kiosk 文件夹里）</source>
        <translation>No update file on the USB stick (it must be at the top or in a village-kiosk folder)</translation>
    </message>
    <message>
        <location filename="../usb_update.py" line="40"/>
        <source>没有找到U盘，请插好后稍等再试（U盘要用 FAT32 或 exFAT 格式）</source>
        <translation>No USB stick found: plug it in, wait a moment and retry (the stick must be FAT32 or exFAT)</translation>
    </message>
    <message>
        <location filename="../usb_update.py" line="42"/>
        <source>读不出U盘，请拔下重新插好再试</source>
        <translation>The USB stick cannot be read: unplug it, plug it in again and retry</translation>
    </message>
    <message>
        <location filename="../usb_update.py" line="43"/>
        <source>本机存储空间不够，请告诉县里</source>
        <translation>Not enough storage on this kiosk: tell the county</translation>
    </message>
    <message>
        <location filename="../usb_update.py" line="80"/>
        <source>没有通过校验</source>
        <extracomment>How long one check may take (a 300 MB bundle read twice from a slow stick).</extracomment>
        <translation>Failed verification</translation>
    </message>
    <message>
        <location filename="../usb_update.py" line="100"/>
        <source>检查U盘失败：{error}</source>
        <translation>Checking the USB stick failed: {error}</translation>
    </message>
    <message>
        <location filename="../usb_update.py" line="102"/>
        <source>插上U盘后按“从U盘更新”</source>
        <translation>Plug in a USB stick, then tap “Update from USB”</translation>
    </message>
    <message>
        <location filename="../usb_update.py" line="107"/>
        <source>U盘中的版本 {version}：{outcome}</source>
        <translation>Version {version} from USB: {outcome}</translation>
    </message>
    <message>
        <location filename="../usb_update.py" line="109"/>
        <source>U盘中的版本 {version} 已校验，将在空闲时安装</source>
        <translation>Version {version} from USB verified; it will be installed when the kiosk is idle</translation>
    </message>
    <message>
        <location filename="../usb_update.py" line="111"/>
        <source>U盘中的版本 {version} 本机已经装好了，不用更新</source>
        <translation>Version {version} from USB is already installed; nothing to do</translation>
    </message>
    <message>
        <location filename="../usb_update.py" line="114"/>
        <source>U盘中的更新不能安装：{reason}</source>
        <translation>The update on the USB stick cannot be installed: {reason}</translation>
    </message>
    <message>
        <location filename="../viewmodels/projects.py" line="47"/>
        <source>立项批复</source>
        <extracomment>A stage&apos;s name as shown (kiosk.projects.STAGE_LABELS_ZH, through :func:`ui.tr.tr`).</extracomment>
        <translation>Approval</translation>
    </message>
    <message>
        <location filename="../viewmodels/projects.py" line="47"/>
        <source>预算</source>
        <translation>Budget</translation>
    </message>
    <message>
        <location filename="../viewmodels/projects.py" line="48"/>
        <source>招标结果</source>
        <translation>Bidding result</translation>
    </message>
    <message>
        <location filename="../viewmodels/projects.py" line="48"/>
        <source>施工合同</source>
        <translation>Construction contract</translation>
    </message>
    <message>
        <location filename="../viewmodels/projects.py" line="49"/>
        <source>施工进度</source>
        <translation>Progress</translation>
    </message>
    <message>
        <location filename="../viewmodels/projects.py" line="49"/>
        <source>竣工验收</source>
        <translation>Acceptance</translation>
    </message>
    <message>
        <location filename="../viewmodels/projects.py" line="50"/>
        <source>竣工决算</source>
        <translation>Final accounts</translation>
    </message>
    <message>
        <location filename="../viewmodels/projects.py" line="51"/>
        <source>预算 {amount}</source>
        <translation>Budget {amount}</translation>
    </message>
    <message>
        <location filename="../viewmodels/projects.py" line="51"/>
        <source>决算 {amount}</source>
        <translation>Final accounts {amount}</translation>
    </message>
    <message>
        <location filename="../viewmodels/projects.py" line="52"/>
        <source>现在：{stage}</source>
        <translation>Now: {stage}</translation>
    </message>
    <message>
        <location filename="../viewmodels/projects.py" line="53"/>
        <source>文件</source>
        <translation>Document</translation>
    </message>
</context>
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
        <location filename="../qml/VillageKiosk/BenefitsScreen.qml" line="234"/>
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
        <location filename="../qml/VillageKiosk/ClerkScreen.qml" line="126"/>
        <source>测试打印</source>
        <translation>Test print</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/ClerkScreen.qml" line="127"/>
        <source>立即同步</source>
        <translation>Sync now</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/ClerkScreen.qml" line="121"/>
        <source>从U盘更新</source>
        <translation>Update from USB</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/ClerkScreen.qml" line="130"/>
        <source>屏幕亮度 %1%</source>
        <translation>Brightness %1%</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/ClerkScreen.qml" line="131"/>
        <source>屏幕亮度：本机不能调节</source>
        <translation>Brightness: not adjustable here</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/ClerkScreen.qml" line="140"/>
        <source>暗一点</source>
        <translation>Darker</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/ClerkScreen.qml" line="141"/>
        <source>亮一点</source>
        <translation>Brighter</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/ClerkScreen.qml" line="143"/>
        <source>刷新状态</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/ClerkScreen.qml" line="144"/>
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
        <location filename="../qml/VillageKiosk/DetailScreen.qml" line="48"/>
        <source>发放部门</source>
        <translation>Paid by</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/DetailScreen.qml" line="49"/>
        <source>补贴标准</source>
        <translation>Standard</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/DetailScreen.qml" line="50"/>
        <source>政策说明</source>
        <translation>Policy</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/DetailScreen.qml" line="58"/>
        <source>怎么申请</source>
        <translation>How to apply</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/DetailScreen.qml" line="66"/>
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
    <name>LedgerScreen</name>
    <message>
        <location filename="../qml/VillageKiosk/LedgerScreen.qml" line="19"/>
        <source>凭证</source>
        <translation>Voucher</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/LedgerScreen.qml" line="20"/>
        <source> 收支明细</source>
        <translation> income and expense</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/LedgerScreen.qml" line="21"/>
        <source>村级财务</source>
        <translation>Village finances</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/LedgerScreen.qml" line="41"/>
        <source>收入</source>
        <translation>Income</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/LedgerScreen.qml" line="42"/>
        <source>支出</source>
        <translation>Expense</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/LedgerScreen.qml" line="43"/>
        <source>结余</source>
        <translation>Balance</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/LedgerScreen.qml" line="76"/>
        <source>村里的账目还没有公开到这台机器上。</source>
        <translation>The village accounts have not been published to this terminal yet.</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/LedgerScreen.qml" line="93"/>
        <source>全年</source>
        <translation> (whole year)</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/LedgerScreen.qml" line="99"/>
        <source>点一个月份，看这个月的每一笔：</source>
        <translation>Tap a month to see every entry of that month:</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/LedgerScreen.qml" line="119"/>
        <source>收入 %1&#x3000;支出 %2&#x3000;结余 %3</source>
        <translation>Income %1&#x3000;Expense %2&#x3000;Balance %3</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/LedgerScreen.qml" line="141"/>
        <source>本月</source>
        <translation>This month</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/LedgerScreen.qml" line="183"/>
        <source>凭证号 </source>
        <translation>Voucher no. </translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/LedgerScreen.qml" line="207"/>
        <source>看凭证</source>
        <translation>See voucher</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/LedgerScreen.qml" line="212"/>
        <source>这一笔有问题</source>
        <translation>Something is wrong here</translation>
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
        <location filename="../qml/VillageKiosk/Main.qml" line="117"/>
        <source>没有读到身份证</source>
        <translation>The ID card was not read</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/Main.qml" line="126"/>
        <source>暂停服务</source>
        <translation>Out of service</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/Main.qml" line="144"/>
        <source>村务公开</source>
        <translation>Village affairs</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/Main.qml" line="145"/>
        <source>本村公开的事项，谁都可以看，不用身份证。</source>
        <translation>What the village makes public: anyone may look, no ID card needed.</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/Main.qml" line="156"/>
        <source>公示花名册</source>
        <translation>Public rolls</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/Main.qml" line="157"/>
        <source>县里公开的补贴名单：本村谁领了、领了多少。</source>
        <translation>The county&apos;s public lists: who in the village received what, and how much.</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/Main.qml" line="158"/>
        <source>本村现在没有正在公示的名单。</source>
        <translation>No list is on public display for this village now.</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/Main.qml" line="171"/>
        <source>小微权力清单</source>
        <translation>Village powers list</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/Main.qml" line="172"/>
        <source>村里这些事怎么办：一步一步看。</source>
        <translation>How these village matters are handled, step by step.</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/Main.qml" line="173"/>
        <source>县里还没有发布小微权力清单。</source>
        <translation>The county has not published the village powers list yet.</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/Main.qml" line="198"/>
        <source>还在吗？%1 秒后自动退出，保护您的信息。</source>
        <translation>Still there? Leaving in %1 s to protect your information.</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/Main.qml" line="212"/>
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
        <location filename="../qml/VillageKiosk/MyComplaintsScreen.qml" line="77"/>
        <source>回复（%1）：%2</source>
        <translation>Reply (%1): %2</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/MyComplaintsScreen.qml" line="89"/>
        <source>满意</source>
        <translation>Satisfied</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/MyComplaintsScreen.qml" line="94"/>
        <source>不满意</source>
        <translation>Not satisfied</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/MyComplaintsScreen.qml" line="133"/>
        <source>您对哪一点不满意？</source>
        <translation>What are you not satisfied with?</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/MyComplaintsScreen.qml" line="153"/>
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
    <name>PowerScreen</name>
    <message>
        <location filename="../qml/VillageKiosk/PowerScreen.qml" line="90"/>
        <source>‹ 上一步</source>
        <translation>‹ Previous</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/PowerScreen.qml" line="96"/>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/PowerScreen.qml" line="106"/>
        <source>办理须知 ›</source>
        <translation>What to know ›</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/PowerScreen.qml" line="106"/>
        <source>下一步 ›</source>
        <translation>Next ›</translation>
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
    <name>ProjectsScreen</name>
    <message>
        <location filename="../qml/VillageKiosk/ProjectsScreen.qml" line="19"/>
        <source>工程文件</source>
        <translation>Project document</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/ProjectsScreen.qml" line="19"/>
        <source>村级工程</source>
        <translation>Village projects</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/ProjectsScreen.qml" line="34"/>
        <source>现在读不出这些内容，请稍后再试，或请工作人员帮助。</source>
        <translation>This cannot be read just now. Please try again later, or ask the staff for help.</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/ProjectsScreen.qml" line="35"/>
        <source>村里的工程还没有公开到这台机器上。</source>
        <translation>The village&apos;s projects have not been published to this machine yet.</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/ProjectsScreen.qml" line="44"/>
        <source>点一个工程，看它从立项到决算的每一步：</source>
        <translation>Tap a project to see each step from approval to final accounts:</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/ProjectsScreen.qml" line="209"/>
        <source>看文件</source>
        <translation>See document</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/ProjectsScreen.qml" line="214"/>
        <source>这一笔有问题</source>
        <translation>Something is wrong here</translation>
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
    <name>RollRowScreen</name>
    <message>
        <location filename="../qml/VillageKiosk/RollRowScreen.qml" line="17"/>
        <source>公示名单：%1</source>
        <translation>Public roll: %1</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/RollRowScreen.qml" line="48"/>
        <source>家庭人口 %1</source>
        <translation>%1</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/RollRowScreen.qml" line="62"/>
        <source>如果这一笔不对（不该领、冒领、金额不对），可以反映，不用留名字。</source>
        <translation>If this line is wrong (not entitled, claimed by someone else, wrong amount), you can report it without giving your name.</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/RollRowScreen.qml" line="74"/>
        <source>这一笔有问题</source>
        <translation>This line is wrong</translation>
    </message>
</context>
<context>
    <name>RollScreen</name>
    <message>
        <location filename="../qml/VillageKiosk/RollScreen.qml" line="20"/>
        <source>公示名单：%1</source>
        <translation>Public roll: %1</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/RollScreen.qml" line="36"/>
        <source>全村合计</source>
        <translation>Village total</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/RollScreen.qml" line="69"/>
        <source>按组看</source>
        <translation>By group</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/RollScreen.qml" line="78"/>
        <source>按姓氏看</source>
        <translation>By surname</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/RollScreen.qml" line="97"/>
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/RollScreen.qml" line="129"/>
        <source>本村现在没有这项的公示名单。</source>
        <translation>This village has no public roll of this item now.</translation>
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
        <location filename="../qml/VillageKiosk/TopBar.qml" line="45"/>
        <source>结束，退出</source>
        <translation>Finish, exit</translation>
    </message>
</context>
<context>
    <name>VoicePanel</name>
    <message>
        <location filename="../qml/VillageKiosk/VoicePanel.qml" line="23"/>
        <source>说出您的问题</source>
        <translation>Say your problem</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/VoicePanel.qml" line="25"/>
        <source>点一下开始说，最多说一分钟</source>
        <translation>Tap and speak, up to one minute</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/VoicePanel.qml" line="35"/>
        <source>■ 说完了</source>
        <translation>■ Done speaking</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/VoicePanel.qml" line="57"/>
        <source>正在保存录音……</source>
        <translation>Saving the recording…</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/VoicePanel.qml" line="67"/>
        <source>正在播放……</source>
        <translation>Playing…</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/VoicePanel.qml" line="67"/>
        <source>▶ 听一遍</source>
        <translation>▶ Listen to it</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/VoicePanel.qml" line="68"/>
        <source>录音 %1 秒</source>
        <translation>Recording: %1 s</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/VoicePanel.qml" line="74"/>
        <source>重新录</source>
        <translation>Record again</translation>
    </message>
</context>
<context>
    <name>WelcomeScreen</name>
    <message>
        <location filename="../qml/VillageKiosk/WelcomeScreen.qml" line="21"/>
        <source>惠民惠农补贴 查询</source>
        <translation>Rural benefits lookup</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/WelcomeScreen.qml" line="45"/>
        <source>读卡区</source>
        <translation>Card reader</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/WelcomeScreen.qml" line="64"/>
        <source>身份证</source>
        <translation>ID card</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/WelcomeScreen.qml" line="82"/>
        <source>请将身份证放在读卡区</source>
        <translation>Lay your ID card on the reader</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/WelcomeScreen.qml" line="119"/>
        <source>数据更新于 %1</source>
        <translation>Data as of %1</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/WelcomeScreen.qml" line="151"/>
        <source>看通知公告</source>
        <translation>Notices</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/WelcomeScreen.qml" line="152"/>
        <source>不用身份证</source>
        <translation>No ID card needed</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/WelcomeScreen.qml" line="159"/>
        <source>村务公开</source>
        <translation>Village affairs</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/WelcomeScreen.qml" line="160"/>
        <source>公示 · 村级财务 · 办事流程</source>
        <translation>Rolls, village finances, procedures</translation>
    </message>
    <message>
        <source>公示名单 · 办事流程</source>
        <translation type="vanished">Rolls, procedures</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/WelcomeScreen.qml" line="167"/>
        <source>查询投诉</source>
        <translation>Follow a complaint</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/WelcomeScreen.qml" line="168"/>
        <source>凭受理号和查询码，不用身份证</source>
        <translation>Number + query code, no ID card</translation>
    </message>
    <message>
        <location filename="../qml/VillageKiosk/WelcomeScreen.qml" line="186"/>
        <source>通知：</source>
        <translation>Notices: </translation>
    </message>
    <message>
        <source>村级财务</source>
        <translation type="vanished">Village finances</translation>
    </message>
</context>
</TS>
