<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AlphaKeyPad</name>
    <message>
        <source>Clear</source>
        <translation>清空</translation>
    </message>
</context>
<context>
    <name>AttentionBanner</name>
    <message>
        <source>Seen it</source>
        <translation>看到了</translation>
    </message>
</context>
<context>
    <name>CallKeeperPage</name>
    <message>
        <source>Please call the station keeper</source>
        <translation>请联系站长</translation>
    </message>
    <message>
        <source>This screen has a problem. Everything saved so far is safe.</source>
        <translation>这台屏幕出了问题。已经保存的内容都不会丢。</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>再试一次</translation>
    </message>
</context>
<context>
    <name>CheckIn</name>
    <message>
        <source>Welcome back, %1</source>
        <translation>欢迎回来，%1</translation>
    </message>
    <message>
        <source>Welcome, %1</source>
        <translation>欢迎你，%1</translation>
    </message>
    <message>
        <source>Welcome back! You are checked in.</source>
        <translation>欢迎回来！签到成功</translation>
    </message>
    <message>
        <source>You are checked in.</source>
        <translation>签到成功</translation>
    </message>
    <message>
        <source>Counted without your number. Nothing personal was kept.</source>
        <translation>已匿名记录，没有保存你的任何个人信息。</translation>
    </message>
    <message>
        <source>Next time, type your number and check in with two taps.</source>
        <translation>下次输入手机号，点两下就能签到。</translation>
    </message>
</context>
<context>
    <name>CheckInDonePage</name>
    <message>
        <source>Checked in</source>
        <translation>签到完成</translation>
    </message>
    <message>
        <source>Back to home (%1 s)</source>
        <translation>回首页（%1 秒）</translation>
    </message>
</context>
<context>
    <name>CheckInPhonePage</name>
    <message>
        <source>Check in</source>
        <translation>签到</translation>
    </message>
    <message>
        <source>One moment…</source>
        <translation>请稍等…</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>下一步</translation>
    </message>
    <message>
        <source>Your mobile number</source>
        <translation>请输入手机号</translation>
    </message>
    <message>
        <source>%1 of 11 digits</source>
        <translation>已输入 %1 / 11 位</translation>
    </message>
    <message>
        <source>We use it to know you next time. It is never shown in full.</source>
        <translation>用来下次认出你，号码不会完整显示。</translation>
    </message>
    <message>
        <source>Check in without a number</source>
        <translation>不留手机号，直接签到</translation>
    </message>
</context>
<context>
    <name>CheckInPurposePage</name>
    <message>
        <source>Check in</source>
        <translation>签到</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <source>What brings you here today? Tap one.</source>
        <translation>今天来做什么？点一项就好</translation>
    </message>
</context>
<context>
    <name>CheckInSteps</name>
    <message>
        <source>Phone</source>
        <translation>手机号</translation>
    </message>
    <message>
        <source>Work</source>
        <translation>工作</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>来做什么</translation>
    </message>
</context>
<context>
    <name>CheckInWorkPage</name>
    <message>
        <source>Check in</source>
        <translation>签到</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>下一步</translation>
    </message>
    <message>
        <source>What work do you do?</source>
        <translation>你做什么工作？</translation>
    </message>
    <message>
        <source>Platform (you can skip this)</source>
        <translation>平台（可不选）</translation>
    </message>
    <message>
        <source>What work? (you can skip this)</source>
        <translation>做什么工作？（可不填）</translation>
    </message>
    <message>
        <source>For example: designated driver</source>
        <translation>例如：代驾</translation>
    </message>
</context>
<context>
    <name>Closeout</name>
    <message>
        <source>This day is closed already.</source>
        <translation>这一天已经结束过了。</translation>
    </message>
    <message>
        <source>This day has not come yet. Check the terminal&apos;s clock.</source>
        <translation>这一天还没到。请检查终端的时间。</translation>
    </message>
    <message>
        <source>An earlier day was not closed. Close that one first.</source>
        <translation>前面还有一天没有结束，请先结束那一天。</translation>
    </message>
    <message>
        <source>The note is too long.</source>
        <translation>留言太长了。</translation>
    </message>
    <message>
        <source>This kiosk has not heard from the county since its data was renewed. Sync first (on the sync page), then close the day.</source>
        <translation>本终端的数据更新后，还没和县里同步过。请先到同步页面同步，再结束今天。</translation>
    </message>
    <message>
        <source>The note seems to hold a phone number. The county receives this note: leave the number out.</source>
        <translation>留言里好像有电话号码。留言会交给县里，请不要写号码。</translation>
    </message>
    <message>
        <source>Note from %1 at close-out (%2, %3): %4</source>
        <translation>%1 交班留言（%2，%3）：%4</translation>
    </message>
    <message>
        <source>Sealed for %1. %2 records were still waiting for the county; it confirms them as they arrive.</source>
        <translation>%1 已封账。还有 %2 条记录没传到县里，传到后县里会逐条确认。</translation>
    </message>
    <message>
        <source>Sealed for %1. Everything had reached the county.</source>
        <translation>%1 已封账。所有记录都已传到县里。</translation>
    </message>
    <message>
        <source>Copied to the USB stick (%1).</source>
        <translation>已复制到 U 盘（%1）。</translation>
    </message>
    <message>
        <source>No USB stick found. Put one in and try again.</source>
        <translation>没有找到 U 盘。请插上后再试。</translation>
    </message>
    <message>
        <source>Saved for printing: an A4 page and a receipt (%1).</source>
        <translation>已保存，可打印：A4 一页和小票一张（%1）。</translation>
    </message>
</context>
<context>
    <name>CloseoutPage</name>
    <message>
        <source>Close the day</source>
        <translation>结束今天</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Yes, seal %1</source>
        <translation>确认封账 %1</translation>
    </message>
    <message>
        <source>Close the day (%1)</source>
        <translation>结束今天（%1）</translation>
    </message>
    <message>
        <source>The sealed day reports on this terminal do not add up. Call the technician.</source>
        <translation>本终端的日报对不上，请联系技术员。</translation>
    </message>
    <message>
        <source>Copy to a USB stick</source>
        <translation>复制到 U 盘</translation>
    </message>
    <message>
        <source>%1 is closed.</source>
        <translation>%1 已结束。</translation>
    </message>
    <message>
        <source>%1 was not closed. Close it first.</source>
        <translation>%1 还没有结束，请先结束这一天。</translation>
    </message>
    <message>
        <source>%1 so far</source>
        <translation>%1 截至现在</translation>
    </message>
    <message>
        <source>Everything has reached the county.</source>
        <translation>所有记录都已传到县里。</translation>
    </message>
    <message numerus="yes">
        <source>%n record(s) still waiting for the county.</source>
        <translation>
            <numerusform>还有 %n 条记录没传到县里。</numerusform>
        </translation>
    </message>
    <message>
        <source>Note for the next keeper (optional)</source>
        <translation>交班留言（可不填）</translation>
    </message>
    <message>
        <source>For example: the north charger is out of order</source>
        <translation>例如：北区充电桩坏了</translation>
    </message>
    <message>
        <source>A sealed report can never be changed. Seal %1 for %2?</source>
        <translation>封账后不能再改。确定为 %2 封账 %1 吗？</translation>
    </message>
    <message>
        <source>Not yet</source>
        <translation>先不封</translation>
    </message>
    <message>
        <source>Sealed reports</source>
        <translation>已封账的日报</translation>
    </message>
    <message>
        <source>%1 · %2 · sealed %3 by %4</source>
        <translation>%1 · %2 · %4 于 %3 封账</translation>
    </message>
    <message>
        <source>Note: %1</source>
        <translation>留言：%1</translation>
    </message>
</context>
<context>
    <name>CloseoutPdf</name>
    <message>
        <source>Day report</source>
        <translation>日报</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Sealed</source>
        <translation>封账时间</translation>
    </message>
    <message>
        <source>Sealed by</source>
        <translation>封账人</translation>
    </message>
    <message>
        <source>Records still waiting for the county</source>
        <translation>还没传到县里的记录</translation>
    </message>
    <message>
        <source>The day in figures</source>
        <translation>当天数字</translation>
    </message>
    <message>
        <source>Note for the next keeper</source>
        <translation>交班留言</translation>
    </message>
    <message>
        <source>Fingerprint</source>
        <translation>校验码</translation>
    </message>
    <message>
        <source>Previous</source>
        <translation>上一份</translation>
    </message>
</context>
<context>
    <name>ConsentPage</name>
    <message>
        <source>I agree</source>
        <translation>同意</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>来做什么</translation>
    </message>
    <message>
        <source>What we keep</source>
        <translation>保存什么</translation>
    </message>
    <message>
        <source>Keep your number?</source>
        <translation>保存你的手机号吗？</translation>
    </message>
    <message>
        <source>A coded form of your number and its last 4 digits, your work and platform, and when and why you came.</source>
        <translation>手机号的加密记号和后4位、你的工作和平台、每次来站的时间和目的。</translation>
    </message>
    <message>
        <source>To greet you next time so check-in takes two taps, and to count how many people the station helps.</source>
        <translation>下次认出你，签到只要点两下；也用来统计驿站服务了多少人。</translation>
    </message>
    <message>
        <source>For how long</source>
        <translation>保存多久</translation>
    </message>
    <message numerus="yes">
        <source>%n day(s). After that your visits no longer lead back to you.</source>
        <translation>
            <numerusform>%n 天。之后你的来站记录不再和你关联。</numerusform>
        </translation>
    </message>
    <message>
        <source>If you say no</source>
        <translation>如果不同意</translation>
    </message>
    <message>
        <source>You can still use everything here. Your visit is counted without your number.</source>
        <translation>驿站的一切照常使用，这次来站只匿名计数。</translation>
    </message>
    <message>
        <source>No, check in without my number</source>
        <translation>不同意，匿名签到</translation>
    </message>
</context>
<context>
    <name>Diagnostics</name>
    <message>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>数据库</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>Waiting to sync</source>
        <translation>待同步</translation>
    </message>
    <message>
        <source>never</source>
        <translation>从未</translation>
    </message>
    <message>
        <source>The stick is full.</source>
        <translation>U盘满了。</translation>
    </message>
    <message>
        <source>The stick cannot be written to.</source>
        <translation>U盘不能写入。</translation>
    </message>
    <message>
        <source>The stick is not there any more.</source>
        <translation>U盘已拔出。</translation>
    </message>
    <message>
        <source>Logs saved as %1.</source>
        <translation>日志已保存为 %1。</translation>
    </message>
    <message>
        <source>Station</source>
        <translation>站点</translation>
    </message>
    <message>
        <source>not enrolled</source>
        <translation>未注册</translation>
    </message>
    <message>
        <source>County server</source>
        <translation>县里服务器</translation>
    </message>
    <message>
        <source>not set</source>
        <translation>未设置</translation>
    </message>
    <message>
        <source>reachable, %1 ms</source>
        <translation>可连接，%1 毫秒</translation>
    </message>
    <message>
        <source>not reachable (%1)</source>
        <translation>连不上（%1）</translation>
    </message>
    <message>
        <source>Clock difference</source>
        <translation>时钟差</translation>
    </message>
    <message>
        <source>Last sync</source>
        <translation>上次同步</translation>
    </message>
    <message>
        <source>refused %1</source>
        <translation>被退回 %1</translation>
    </message>
    <message>
        <source>Keyring</source>
        <translation>钥匙串</translation>
    </message>
    <message>
        <source>Free disk</source>
        <translation>磁盘剩余</translation>
    </message>
    <message>
        <source>Data folder</source>
        <translation>数据目录</translation>
    </message>
</context>
<context>
    <name>DiagnosticsPage</name>
    <message>
        <source>Diagnostics</source>
        <translation>诊断</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>正在检查…</translation>
    </message>
    <message>
        <source>Check again</source>
        <translation>重新检查</translation>
    </message>
    <message>
        <source>Export the logs to a USB stick</source>
        <translation>把日志导出到U盘</translation>
    </message>
    <message>
        <source>Plug in a USB stick, then tap Check again.</source>
        <translation>请插入U盘，再点“重新检查”。</translation>
    </message>
</context>
<context>
    <name>FlightDetailPage</name>
    <message>
        <source>Flight</source>
        <translation>航班</translation>
    </message>
    <message>
        <source>Back to the board</source>
        <translation>回到航班列表</translation>
    </message>
    <message>
        <source>From %1</source>
        <translation>从 %1 出发</translation>
    </message>
    <message>
        <source>To %1</source>
        <translation>飞往 %1</translation>
    </message>
    <message>
        <source>Scheduled</source>
        <translation>计划</translation>
    </message>
    <message>
        <source>Estimated</source>
        <translation>预计</translation>
    </message>
    <message>
        <source>Actual</source>
        <translation>实际</translation>
    </message>
    <message>
        <source>Passengers out at about</source>
        <translation>旅客预计出站</translation>
    </message>
    <message>
        <source>Scan to follow it on your phone</source>
        <translation>扫码在手机上跟踪</translation>
    </message>
</context>
<context>
    <name>Flights</name>
    <message>
        <source>Scheduled</source>
        <translation>计划</translation>
    </message>
    <message>
        <source>In the air</source>
        <translation>飞行中</translation>
    </message>
    <message>
        <source>Landed</source>
        <translation>已落地</translation>
    </message>
    <message>
        <source>Delayed</source>
        <translation>延误</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Diverted</source>
        <translation>备降</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>demo data</source>
        <translation>演示数据</translation>
    </message>
    <message>
        <source>the county&apos;s flight files</source>
        <translation>县里的航班文件</translation>
    </message>
    <message>
        <source> (tomorrow)</source>
        <translation>（明天）</translation>
    </message>
    <message>
        <source> (yesterday)</source>
        <translation>（昨天）</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 分钟</translation>
    </message>
    <message>
        <source>Terminal %1</source>
        <translation>%1 航站楼</translation>
    </message>
    <message>
        <source>Belt %1</source>
        <translation>行李转盘 %1</translation>
    </message>
    <message>
        <source>No flight data yet. Ask at the airport information desk.</source>
        <translation>还没有航班数据，请到机场问询处查询。</translation>
    </message>
    <message>
        <source>Old data: last updated %1 (%2 min ago), from %3. Times may have changed.</source>
        <translation>数据较旧：最后更新于 %1（%2 分钟前），来源：%3。时间可能已变。</translation>
    </message>
    <message>
        <source>Updated %1 from %2</source>
        <translation>%1 更新，来源：%2</translation>
    </message>
</context>
<context>
    <name>FlightsPage</name>
    <message>
        <source>Flights</source>
        <translation>航班</translation>
    </message>
    <message>
        <source>Arrivals</source>
        <translation>到达</translation>
    </message>
    <message>
        <source>Departures</source>
        <translation>出发</translation>
    </message>
    <message>
        <source>Flight number, or city initials (bj = 北京)</source>
        <translation>输入航班号，或城市拼音首字母（bj = 北京）</translation>
    </message>
    <message>
        <source>Arrivals
per 30 min</source>
        <translation>每30分钟
到达架次</translation>
    </message>
    <message>
        <source>No flight matches. Check the number or the city.</source>
        <translation>没有找到航班，请检查航班号或城市。</translation>
    </message>
</context>
<context>
    <name>HomePage</name>
    <message>
        <source>Large text</source>
        <translation>大字</translation>
    </message>
    <message>
        <source>Check in</source>
        <translation>签到</translation>
    </message>
    <message>
        <source>Tap here when you arrive</source>
        <translation>到站点这里，几步完成</translation>
    </message>
    <message>
        <source>Parking</source>
        <translation>停车</translation>
    </message>
    <message>
        <source>Book a bay, or say you are here</source>
        <translation>预约车位，或登记到达</translation>
    </message>
    <message>
        <source>Flights</source>
        <translation>航班</translation>
    </message>
    <message>
        <source>When your passengers come out</source>
        <translation>看乘客什么时候出来</translation>
    </message>
    <message>
        <source>This station</source>
        <translation>本站服务</translation>
    </message>
    <message>
        <source>Opening hours and what is here</source>
        <translation>开放时间和设施</translation>
    </message>
    <message>
        <source>Rest</source>
        <translation>歇一会儿</translation>
    </message>
    <message>
        <source>A seat and a wake-up call</source>
        <translation>找个座位，到点叫你</translation>
    </message>
</context>
<context>
    <name>IdleOverlay</name>
    <message>
        <source>Still there?</source>
        <translation>还在吗？</translation>
    </message>
    <message numerus="yes">
        <source>In %n second(s) the kiosk goes home and clears what you typed.</source>
        <translation>
            <numerusform>%n 秒后回到首页，已输入的内容会清空。</numerusform>
        </translation>
    </message>
    <message>
        <source>I&apos;m still here</source>
        <translation>我还在</translation>
    </message>
</context>
<context>
    <name>Keeper</name>
    <message>
        <source>The database was damaged. It was set aside as %1 and a new one started. Call the technician to recover it.</source>
        <translation>数据库损坏，已另存为 %1 并启用新库。请联系技术员恢复数据。</translation>
    </message>
    <message>
        <source>All %1 records not yet sent to the county were recovered from it.</source>
        <translation>其中还没上传到县里的 %1 条记录已全部找回。</translation>
    </message>
    <message>
        <source>%1 records not yet sent to the county were recovered from it; %2 could not be read.</source>
        <translation>其中还没上传到县里的记录找回了 %1 条，另有 %2 条无法读取。</translation>
    </message>
    <message>
        <source>Wrong PIN. %1 tries left.</source>
        <translation>PIN 不对，还可以试 %1 次。</translation>
    </message>
    <message>
        <source>Too many wrong PINs. The pad is locked until %1.</source>
        <translation>PIN 错太多次，已锁定到 %1。</translation>
    </message>
    <message>
        <source>No keeper PIN is set yet. The technician sets it when enrolling.</source>
        <translation>还没有设置站长 PIN，由技术员在注册时设置。</translation>
    </message>
    <message>
        <source>A PIN is 4 to 8 digits.</source>
        <translation>PIN 是 4 到 8 位数字。</translation>
    </message>
    <message>
        <source>Could not check the PIN.</source>
        <translation>没能核对 PIN。</translation>
    </message>
</context>
<context>
    <name>KeeperMenuPage</name>
    <message>
        <source>Keeper menu</source>
        <translation>站长菜单</translation>
    </message>
    <message>
        <source>Lock and go home</source>
        <translation>锁上并回首页</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>今日情况</translation>
    </message>
    <message>
        <source>Visits by work and purpose</source>
        <translation>按工作和目的统计来站</translation>
    </message>
    <message>
        <source>Parking</source>
        <translation>停车</translation>
    </message>
    <message>
        <source>Bookings, arrivals, chargers</source>
        <translation>预约、到达、充电桩</translation>
    </message>
    <message>
        <source>County sync</source>
        <translation>县里同步</translation>
    </message>
    <message>
        <source>Last sync and refused records</source>
        <translation>上次同步和被退回的记录</translation>
    </message>
    <message>
        <source>Diagnostics</source>
        <translation>诊断</translation>
    </message>
    <message>
        <source>Database, keyring, disk, version</source>
        <translation>数据库、密钥、磁盘、版本</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>County server, enrolment, keeper PIN</source>
        <translation>县里服务器、注册、站长 PIN</translation>
    </message>
    <message>
        <source>Exit kiosk</source>
        <translation>退出程序</translation>
    </message>
    <message>
        <source>Close the app, for maintenance</source>
        <translation>关闭程序，用于维护</translation>
    </message>
    <message>
        <source>Rest corner</source>
        <translation>小哥歇歇角</translation>
    </message>
    <message>
        <source>Seats, overdue wake-ups, free a seat</source>
        <translation>座位、超时未醒、腾出座位</translation>
    </message>
    <message>
        <source>Close the day</source>
        <translation>结束今天</translation>
    </message>
    <message>
        <source>Today&apos;s figures, then seal the day report</source>
        <translation>看今天的数字，然后封账</translation>
    </message>
</context>
<context>
    <name>KeeperPage</name>
    <message>
        <source>Today at this station</source>
        <translation>今日情况（站长）</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Got it</source>
        <translation>知道了</translation>
    </message>
    <message>
        <source>visits today</source>
        <translation>今日来站人次</translation>
    </message>
    <message>
        <source>returning drivers</source>
        <translation>回头客</translation>
    </message>
    <message>
        <source>By work</source>
        <translation>按工作</translation>
    </message>
    <message>
        <source>By purpose</source>
        <translation>按来站目的</translation>
    </message>
</context>
<context>
    <name>KeeperParking</name>
    <message>
        <source>Booked</source>
        <translation>预约成功</translation>
    </message>
    <message>
        <source>Here</source>
        <translation>已到</translation>
    </message>
    <message>
        <source>Left</source>
        <translation>已离开</translation>
    </message>
    <message>
        <source>No-show</source>
        <translation>未到</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Bookings</source>
        <translation>预约</translation>
    </message>
    <message>
        <source>Arrivals</source>
        <translation>到达</translation>
    </message>
    <message>
        <source>No-shows</source>
        <translation>未到</translation>
    </message>
    <message>
        <source>Occupancy</source>
        <translation>使用率</translation>
    </message>
</context>
<context>
    <name>KeeperParkingPage</name>
    <message>
        <source>Parking today</source>
        <translation>今日停车</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Bookings today</source>
        <translation>今天的预约</translation>
    </message>
    <message>
        <source>Here</source>
        <translation>已到</translation>
    </message>
    <message>
        <source>Left</source>
        <translation>已离开</translation>
    </message>
    <message>
        <source>No-show</source>
        <translation>未到</translation>
    </message>
    <message>
        <source>EV chargers (tap to take out of service or back)</source>
        <translation>充电桩（点一下停用或恢复）</translation>
    </message>
</context>
<context>
    <name>KeeperPinPage</name>
    <message>
        <source>Keeper PIN</source>
        <translation>站长 PIN</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>正在检查…</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>解锁</translation>
    </message>
    <message>
        <source>For the station keeper only</source>
        <translation>仅限站长使用</translation>
    </message>
</context>
<context>
    <name>KeeperRest</name>
    <message>
        <source>Rests</source>
        <translation>休息人次</translation>
    </message>
    <message>
        <source>Minutes rested</source>
        <translation>休息总分钟</translation>
    </message>
    <message>
        <source>Overdue wake-ups</source>
        <translation>超时未醒</translation>
    </message>
    <message>
        <source>Seats freed by you</source>
        <translation>站长腾出的座位</translation>
    </message>
    <message>
        <source>%1 left</source>
        <translation>还剩%1</translation>
    </message>
    <message>
        <source>due at %1, %2 ago</source>
        <translation>%1 该醒，已过%2</translation>
    </message>
</context>
<context>
    <name>KeeperRestPage</name>
    <message>
        <source>Rest corner now</source>
        <translation>歇歇角现况</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>%1 seat(s) overdue: please wake the driver, or free the seat.</source>
        <translation>%1 个座位超时：请叫醒司机，或腾出座位。</translation>
    </message>
    <message>
        <source>%1 of %2 seats in use · %3 rests today</source>
        <translation>%2 个座位有 %1 个在用 · 今天休息 %3 人次</translation>
    </message>
    <message>
        <source>Free seat</source>
        <translation>腾出座位</translation>
    </message>
    <message>
        <source>Take out of service</source>
        <translation>停用此座</translation>
    </message>
    <message>
        <source>Back in service</source>
        <translation>恢复使用</translation>
    </message>
</context>
<context>
    <name>KeyPad</name>
    <message>
        <source>Clear</source>
        <translation>清空</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <source>Food delivery</source>
        <translation>外卖骑手</translation>
    </message>
    <message>
        <source>Courier</source>
        <translation>快递员</translation>
    </message>
    <message>
        <source>Ride-hailing</source>
        <translation>网约车司机</translation>
    </message>
    <message>
        <source>Truck driver</source>
        <translation>货车司机</translation>
    </message>
    <message>
        <source>Other work</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>Take a rest</source>
        <translation>歇一会儿</translation>
    </message>
    <message>
        <source>Charge up</source>
        <translation>充电</translation>
    </message>
    <message>
        <source>Water or a meal</source>
        <translation>喝水吃饭</translation>
    </message>
    <message>
        <source>Restroom</source>
        <translation>上厕所</translation>
    </message>
    <message>
        <source>Get help</source>
        <translation>办事求助</translation>
    </message>
    <message>
        <source>An activity</source>
        <translation>参加活动</translation>
    </message>
    <message>
        <source>Rest corner</source>
        <translation>歇歇角</translation>
    </message>
    <message>
        <source>Parking bays</source>
        <translation>停车位</translation>
    </message>
    <message>
        <source>EV chargers</source>
        <translation>充电桩</translation>
    </message>
    <message>
        <source>Phone charging</source>
        <translation>手机充电</translation>
    </message>
    <message>
        <source>Hot water</source>
        <translation>热水</translation>
    </message>
    <message>
        <source>Microwave</source>
        <translation>微波炉</translation>
    </message>
    <message>
        <source>Toilets</source>
        <translation>卫生间</translation>
    </message>
    <message>
        <source>Help desk</source>
        <translation>帮办服务</translation>
    </message>
    <message>
        <source>Activities</source>
        <translation>活动</translation>
    </message>
    <message>
        <source>Canteen</source>
        <translation>食堂</translation>
    </message>
    <message>
        <source>%1 h</source>
        <translation>%1 小时</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 分钟</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 小时 %2 分钟</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <source>Red Home</source>
        <translation>红色之家</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <source>Please type your phone number.</source>
        <translation>请输入手机号。</translation>
    </message>
    <message>
        <source>The number is 1 digit short. Please type it again.</source>
        <translation>手机号少了1位，请再输入一次。</translation>
    </message>
    <message>
        <source>The number is %1 digits short. Please type it again.</source>
        <translation>手机号少了%1位，请再输入一次。</translation>
    </message>
    <message>
        <source>The number has 1 digit too many. Please check it.</source>
        <translation>手机号多了1位，请检查一下。</translation>
    </message>
    <message>
        <source>The number has %1 digits too many. Please check it.</source>
        <translation>手机号多了%1位，请检查一下。</translation>
    </message>
    <message>
        <source>A phone number has digits only. Please type it again.</source>
        <translation>手机号只能是数字，请重新输入。</translation>
    </message>
    <message>
        <source>That is not a mobile number. It starts with 13 to 19.</source>
        <translation>这不是手机号，手机号以13到19开头。</translation>
    </message>
    <message>
        <source>Please choose your work first.</source>
        <translation>请先选择你的工作。</translation>
    </message>
    <message>
        <source>Please choose your platform again.</source>
        <translation>请重新选择平台。</translation>
    </message>
    <message>
        <source>Please choose why you came.</source>
        <translation>请选择来站做什么。</translation>
    </message>
    <message>
        <source>Please keep it to 20 characters.</source>
        <translation>最多填20个字。</translation>
    </message>
    <message>
        <source>Please leave out phone numbers. Just say what work you do.</source>
        <translation>这里不用写电话号码，写做什么工作就行。</translation>
    </message>
    <message>
        <source>Please use only words and numbers.</source>
        <translation>只能填文字和数字。</translation>
    </message>
    <message>
        <source>Could not save. Please try again, or ask the station keeper.</source>
        <translation>没能保存，请再试一次，或找站长帮忙。</translation>
    </message>
    <message>
        <source>Something went wrong. Please try again, or ask the station keeper.</source>
        <translation>出了点问题，请再试一次，或找站长帮忙。</translation>
    </message>
</context>
<context>
    <name>Parking</name>
    <message>
        <source>Car</source>
        <translation>小车</translation>
    </message>
    <message>
        <source>EV charging</source>
        <translation>充电车位</translation>
    </message>
    <message>
        <source>Truck</source>
        <translation>货车</translation>
    </message>
    <message>
        <source>Please type the plate.</source>
        <translation>请输入车牌。</translation>
    </message>
    <message>
        <source>A plate starts with a province, such as 湘.</source>
        <translation>车牌第一个字是省份简称，比如“湘”。</translation>
    </message>
    <message>
        <source>The second character is a letter, such as 湘A.</source>
        <translation>车牌第二位是字母，比如“湘A”。</translation>
    </message>
    <message>
        <source>Plates have no I or O. Did you mean 1 or 0?</source>
        <translation>车牌没有字母 I 和 O，是不是数字 1 或 0？</translation>
    </message>
    <message>
        <source>挂, 学, 警, 港 and 澳 only come last, on 7-character plates.</source>
        <translation>挂、学、警、港、澳只能在7位车牌的最后一位。</translation>
    </message>
    <message>
        <source>A plate has 7 characters, or 8 for new energy. Please check it.</source>
        <translation>车牌是 7 位，新能源是 8 位，请检查一下。</translation>
    </message>
    <message>
        <source>A new-energy plate has D or F first or last. Please check it.</source>
        <translation>新能源车牌的第一位或最后一位是 D 或 F，请检查一下。</translation>
    </message>
    <message>
        <source>Only letters and digits go on a plate. Please check it.</source>
        <translation>车牌上只有字母和数字，请检查一下。</translation>
    </message>
    <message>
        <source>No bay of this kind is free then. Try another time.</source>
        <translation>这个时段这类车位已满，换个时间试试。</translation>
    </message>
    <message>
        <source>This plate missed 3 bookings in 30 days, so it cannot book until %1.</source>
        <translation>这个车牌30天内3次预约未到，%1 之前不能预约。</translation>
    </message>
    <message>
        <source>That is too long for this kind of bay: at most %1 hours.</source>
        <translation>这类车位最多停 %1 小时。</translation>
    </message>
    <message>
        <source>Please choose a longer stay.</source>
        <translation>请选长一点的时间。</translation>
    </message>
    <message>
        <source>That start time has passed. Please choose again.</source>
        <translation>这个开始时间已过，请重新选。</translation>
    </message>
    <message>
        <source>Bookings open 24 hours ahead. Please choose an earlier time.</source>
        <translation>最多提前24小时预约，请选早一点的时间。</translation>
    </message>
    <message>
        <source>This plate already has a bay booked at that time.</source>
        <translation>这个车牌在该时段已有预约。</translation>
    </message>
    <message>
        <source>This station has no bays of that kind.</source>
        <translation>本站没有这类车位。</translation>
    </message>
    <message>
        <source>No booking for this plate today. Please check the plate.</source>
        <translation>今天没有这个车牌的预约，请检查车牌。</translation>
    </message>
    <message>
        <source>The booking code does not match this plate.</source>
        <translation>预约码和车牌对不上。</translation>
    </message>
    <message>
        <source>Your booking starts later. Please come back after %1.</source>
        <translation>你的预约还没开始，请 %1 以后再来。</translation>
    </message>
    <message>
        <source>You are already checked in for this booking.</source>
        <translation>这个预约已经登记到达了。</translation>
    </message>
    <message>
        <source>This booking ran out: it was not used in time.</source>
        <translation>这个预约已过期：没有按时到达。</translation>
    </message>
    <message>
        <source>This booking has not arrived yet.</source>
        <translation>这个预约还没到达。</translation>
    </message>
    <message>
        <source>A vehicle is on this bay now.</source>
        <translation>这个车位上现在有车。</translation>
    </message>
    <message>
        <source>That bay cannot be changed. Ask the technician.</source>
        <translation>这个车位不能修改，请找技术员。</translation>
    </message>
    <message>
        <source>This bay has bookings. Cancel or move them first.</source>
        <translation>这个车位有预约，请先取消或调整。</translation>
    </message>
    <message>
        <source>Now</source>
        <translation>现在</translation>
    </message>
    <message>
        <source>Today %1</source>
        <translation>今天 %1</translation>
    </message>
    <message>
        <source>Tomorrow %1</source>
        <translation>明天 %1</translation>
    </message>
    <message>
        <source>Full at that time. Try another time.</source>
        <translation>该时段已满，换个时间试试。</translation>
    </message>
    <message>
        <source>%1 free at that time</source>
        <translation>该时段还有 %1 个空位</translation>
    </message>
    <message>
        <source>Booked</source>
        <translation>预约成功</translation>
    </message>
    <message>
        <source>Welcome! Your bay:</source>
        <translation>欢迎！你的车位：</translation>
    </message>
    <message>
        <source>Booking cancelled</source>
        <translation>预约已取消</translation>
    </message>
</context>
<context>
    <name>ParkingBoardPage</name>
    <message>
        <source>Free bays</source>
        <translation>空位</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>full</source>
        <translation>已满</translation>
    </message>
    <message>
        <source>Coming hours</source>
        <translation>接下来几小时</translation>
    </message>
</context>
<context>
    <name>ParkingCodePage</name>
    <message>
        <source>Cancel a booking</source>
        <translation>取消预约</translation>
    </message>
    <message>
        <source>One moment…</source>
        <translation>请稍等…</translation>
    </message>
    <message>
        <source>Cancel the booking</source>
        <translation>确认取消</translation>
    </message>
    <message>
        <source>Booking code for %1</source>
        <translation>%1 的预约码</translation>
    </message>
</context>
<context>
    <name>ParkingDonePage</name>
    <message>
        <source>Back to home (%1 s)</source>
        <translation>回首页（%1 秒）</translation>
    </message>
    <message>
        <source>Keep this code. Show it, or your plate, when you arrive.</source>
        <translation>请记住预约码，到站时出示预约码或车牌。</translation>
    </message>
    <message>
        <source>Scan to keep it on your phone</source>
        <translation>扫码存到手机</translation>
    </message>
</context>
<context>
    <name>ParkingPage</name>
    <message>
        <source>Parking</source>
        <translation>停车</translation>
    </message>
    <message>
        <source>I&apos;m here</source>
        <translation>我到了</translation>
    </message>
    <message>
        <source>Book a bay. Free now:</source>
        <translation>预约车位，现在空位：</translation>
    </message>
    <message>
        <source>%1 free now</source>
        <translation>现在空 %1 个</translation>
    </message>
    <message>
        <source>Free bays board</source>
        <translation>空位看板</translation>
    </message>
    <message>
        <source>Cancel a booking</source>
        <translation>取消预约</translation>
    </message>
</context>
<context>
    <name>ParkingPhonePage</name>
    <message>
        <source>Book a bay</source>
        <translation>预约车位</translation>
    </message>
    <message>
        <source>One moment…</source>
        <translation>请稍等…</translation>
    </message>
    <message>
        <source>Book it</source>
        <translation>确认预约</translation>
    </message>
    <message>
        <source>Mobile number (you can skip this)</source>
        <translation>手机号（可不填）</translation>
    </message>
    <message>
        <source>Book without a number</source>
        <translation>不留手机号，直接预约</translation>
    </message>
</context>
<context>
    <name>ParkingPlatePage</name>
    <message>
        <source>I&apos;m here</source>
        <translation>我到了</translation>
    </message>
    <message>
        <source>Cancel a booking</source>
        <translation>取消预约</translation>
    </message>
    <message>
        <source>Book a bay</source>
        <translation>预约车位</translation>
    </message>
    <message>
        <source>One moment…</source>
        <translation>请稍等…</translation>
    </message>
    <message>
        <source>Find my booking</source>
        <translation>查找我的预约</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>下一步</translation>
    </message>
    <message>
        <source>Your plate</source>
        <translation>请输入车牌</translation>
    </message>
</context>
<context>
    <name>ParkingSteps</name>
    <message>
        <source>Bay</source>
        <translation>车位</translation>
    </message>
    <message>
        <source>Plate</source>
        <translation>车牌</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>手机号</translation>
    </message>
</context>
<context>
    <name>ParkingWindowPage</name>
    <message>
        <source>Book a bay</source>
        <translation>预约车位</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>下一步</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>How long</source>
        <translation>停多久</translation>
    </message>
</context>
<context>
    <name>Paused</name>
    <message>
        <source>Red Home</source>
        <translation>红色之家</translation>
    </message>
</context>
<context>
    <name>PlateKeyboard</name>
    <message>
        <source>New energy (8)</source>
        <translation>新能源（8位）</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清空</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
</context>
<context>
    <name>Rest</name>
    <message>
        <source>Chair</source>
        <translation>座椅</translation>
    </message>
    <message>
        <source>Recliner</source>
        <translation>躺椅</translation>
    </message>
    <message>
        <source>Bed</source>
        <translation>床位</translation>
    </message>
    <message>
        <source>Free</source>
        <translation>空闲</translation>
    </message>
    <message>
        <source>Resting</source>
        <translation>休息中</translation>
    </message>
    <message>
        <source>Time is up</source>
        <translation>时间到</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>超时</translation>
    </message>
    <message>
        <source>Out of service</source>
        <translation>停用</translation>
    </message>
    <message>
        <source>There is no such seat. Please pick one on the list.</source>
        <translation>没有这个座位，请从列表里选一个。</translation>
    </message>
    <message>
        <source>This seat is out of service. Please pick another one.</source>
        <translation>这个座位暂停使用，请换一个。</translation>
    </message>
    <message>
        <source>Someone just took this seat. Please pick another one.</source>
        <translation>这个座位刚被别人选了，请换一个。</translation>
    </message>
    <message>
        <source>Please pick how long you want to rest.</source>
        <translation>请选择想歇多久。</translation>
    </message>
    <message>
        <source>A rest is at least %1. Please pick a longer one.</source>
        <translation>最少歇%1，请选长一点。</translation>
    </message>
    <message>
        <source>A rest here is at most %1. Please pick a shorter one.</source>
        <translation>这里最多歇%1，请选短一点。</translation>
    </message>
    <message>
        <source>That flight is no longer on the list. Please pick a time instead.</source>
        <translation>这个航班已经不在列表里了，请改选时长。</translation>
    </message>
    <message>
        <source>That flight is too soon for a rest. Please pick a time instead.</source>
        <translation>这个航班太快到了，来不及歇，请改选时长。</translation>
    </message>
    <message>
        <source>Nobody is resting on this seat now.</source>
        <translation>这个座位现在没人在歇。</translation>
    </message>
    <message>
        <source>Your rest is not over yet: %1 left.</source>
        <translation>还没到点，还剩%1。</translation>
    </message>
    <message>
        <source>You have rested longer %1 times already. Time to get up!</source>
        <translation>已经多歇了%1次，该起来啦！</translation>
    </message>
    <message>
        <source>The seat can be freed in %1.</source>
        <translation>再过%1才能腾出这个座位。</translation>
    </message>
    <message>
        <source>Under 2 h</source>
        <translation>不到2小时</translation>
    </message>
    <message>
        <source>2–4 h</source>
        <translation>2到4小时</translation>
    </message>
    <message>
        <source>Over 4 h</source>
        <translation>超过4小时</translation>
    </message>
    <message>
        <source>min left</source>
        <translation>分钟</translation>
    </message>
    <message>
        <source>Seat %1: time to wake up</source>
        <translation>%1号座位：该起来啦</translation>
    </message>
    <message>
        <source>Tap &quot;I&apos;m awake&quot; or &quot;10 more min&quot; on the rest board.</source>
        <translation>请到座位板上点“我醒了”或“再歇10分钟”。</translation>
    </message>
    <message>
        <source>Up to %1</source>
        <translation>最多%1</translation>
    </message>
    <message>
        <source>Wake me for flight %1</source>
        <translation>叫醒我：航班 %1</translation>
    </message>
    <message>
        <source>%1 · passengers out ≈ %2 · wake at %3</source>
        <translation>%1 · 约 %2 出来 · %3 叫醒</translation>
    </message>
    <message>
        <source>After 4 hours at the wheel, rest at least %1.</source>
        <translation>连续开车超过4小时，至少歇%1。</translation>
    </message>
    <message>
        <source>At night, rest at least %1.</source>
        <translation>夜里开车，至少歇%1。</translation>
    </message>
    <message>
        <source>We wake you at %1 for flight %2. If it is late, we wake you later.</source>
        <translation>%1 叫醒你去接航班 %2。航班晚点，就晚点叫你。</translation>
    </message>
    <message>
        <source>We wake you at %1. Sleep well!</source>
        <translation>%1 叫醒你，安心歇会儿！</translation>
    </message>
</context>
<context>
    <name>RestBoardPage</name>
    <message>
        <source>Rest corner</source>
        <translation>小哥歇歇角</translation>
    </message>
    <message>
        <source>Take a seat</source>
        <translation>找个座位</translation>
    </message>
    <message>
        <source>I&apos;m awake</source>
        <translation>我醒了</translation>
    </message>
    <message>
        <source>10 more min</source>
        <translation>再歇10分钟</translation>
    </message>
</context>
<context>
    <name>RestDonePage</name>
    <message>
        <source>Rest well</source>
        <translation>好好歇会儿</translation>
    </message>
    <message>
        <source>Back to home (%1 s)</source>
        <translation>回首页（%1 秒）</translation>
    </message>
    <message>
        <source>Back to home</source>
        <translation>回首页</translation>
    </message>
    <message>
        <source>Your seat</source>
        <translation>你的座位</translation>
    </message>
    <message>
        <source>When the chime plays, come to the screen and tap &quot;I&apos;m awake&quot;.</source>
        <translation>听到提示音，到屏幕前点“我醒了”。</translation>
    </message>
    <message>
        <source>Scan for your proof of rest, after you wake</source>
        <translation>醒来后扫码，拿休息凭证</translation>
    </message>
</context>
<context>
    <name>RestDurationPage</name>
    <message>
        <source>Seat %1</source>
        <translation>%1号座位</translation>
    </message>
    <message>
        <source>Start resting</source>
        <translation>开始休息</translation>
    </message>
    <message>
        <source>How long have you been driving without a break?</source>
        <translation>已经连续开车多久？</translation>
    </message>
    <message>
        <source>Other: %1</source>
        <translation>其他：%1</translation>
    </message>
    <message>
        <source>Or wake me for a flight:</source>
        <translation>或者按航班叫醒我：</translation>
    </message>
</context>
<context>
    <name>RestSeatsPage</name>
    <message>
        <source>Rest</source>
        <translation>歇一会儿</translation>
    </message>
    <message>
        <source>Seat board</source>
        <translation>座位板</translation>
    </message>
    <message>
        <source>Pick a free seat (%1 free)</source>
        <translation>选一个空座位（空 %1 个）</translation>
    </message>
    <message>
        <source>No seat is free now. See the board for the next one.</source>
        <translation>现在没有空座位，看看座位板哪个快空了。</translation>
    </message>
</context>
<context>
    <name>RestSteps</name>
    <message>
        <source>Seat</source>
        <translation>座位</translation>
    </message>
    <message>
        <source>How long</source>
        <translation>时长</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
</context>
<context>
    <name>Setup</name>
    <message>
        <source>The station code is 2 to 32 letters, digits or dashes, like CSX-01.</source>
        <translation>站点编号是 2 到 32 位字母、数字或短横线，比如 CSX-01。</translation>
    </message>
    <message>
        <source>The county server address starts with https://.</source>
        <translation>县里服务器地址以 https:// 开头。</translation>
    </message>
    <message>
        <source>Type the enrolment code from the county.</source>
        <translation>请输入县里给的注册码。</translation>
    </message>
    <message>
        <source>The two PINs differ. Type them again.</source>
        <translation>两次输入的 PIN 不一样，请重新输入。</translation>
    </message>
    <message>
        <source>This code enrolled the kiosk as station %1, not %2. If that is wrong, ask the county for this station&apos;s code.</source>
        <translation>这个注册码把本机注册成了站点 %1，而不是 %2。如果不对，请向县里要本站的注册码。</translation>
    </message>
</context>
<context>
    <name>SetupPage</name>
    <message>
        <source>Set up this kiosk</source>
        <translation>设置本机</translation>
    </message>
    <message>
        <source>Enrolling…</source>
        <translation>正在注册…</translation>
    </message>
    <message>
        <source>Enrol</source>
        <translation>注册</translation>
    </message>
    <message>
        <source>Station code</source>
        <translation>站点编号</translation>
    </message>
    <message>
        <source>County server address</source>
        <translation>县里服务器地址</translation>
    </message>
    <message>
        <source>Enrolment code</source>
        <translation>注册码</translation>
    </message>
    <message>
        <source>From the county, valid 24 hours</source>
        <translation>县里提供，24小时内有效</translation>
    </message>
    <message>
        <source>Keeper PIN (4 to 8 digits)</source>
        <translation>站长 PIN（4 到 8 位数字）</translation>
    </message>
    <message>
        <source>Keeper PIN again</source>
        <translation>再输入一次站长 PIN</translation>
    </message>
    <message>
        <source>Secrets are kept in: %1</source>
        <translation>密钥保存在：%1</translation>
    </message>
</context>
<context>
    <name>Station</name>
    <message>
        <source>Red Home</source>
        <translation>红色之家</translation>
    </message>
    <message>
        <source>Open 24 hours</source>
        <translation>24小时开放</translation>
    </message>
    <message>
        <source>Open %1</source>
        <translation>开放时间 %1</translation>
    </message>
</context>
<context>
    <name>StationPage</name>
    <message>
        <source>This station</source>
        <translation>本站服务</translation>
    </message>
    <message>
        <source>Back to home</source>
        <translation>回首页</translation>
    </message>
</context>
<context>
    <name>StoragePause</name>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>The disk is full.</source>
        <translation>磁盘已满。</translation>
    </message>
    <message>
        <source>The data folder cannot be written.</source>
        <translation>数据目录无法写入。</translation>
    </message>
    <message>
        <source>The disk fails to read or write.</source>
        <translation>磁盘读写出错。</translation>
    </message>
    <message>
        <source>Free some space on this terminal&apos;s disk, or call the technician. The kiosk carries on by itself once there is room.</source>
        <translation>请清理本终端磁盘的空间，或联系技术员。有了空间后，终端会自动恢复服务。</translation>
    </message>
    <message>
        <source>Call the technician: the data folder must be writable for the kiosk (check the disk is mounted read-write and the folder&apos;s owner).</source>
        <translation>请联系技术员：数据目录必须可写（检查磁盘是否以读写方式挂载，以及目录的所有者）。</translation>
    </message>
    <message>
        <source>Call the technician: the disk may be failing. Do not switch the terminal off before the technician has looked.</source>
        <translation>请联系技术员：磁盘可能出现故障。技术员检查之前，请不要关闭终端。</translation>
    </message>
</context>
<context>
    <name>StoragePausedScreen</name>
    <message>
        <source>Service paused. Please ask the station keeper.</source>
        <translation>暂停服务，请找站长</translation>
    </message>
    <message>
        <source>Everything saved so far is safe.</source>
        <translation>已保存的内容都不会丢失。</translation>
    </message>
    <message>
        <source>For the station keeper</source>
        <translation>站长查看</translation>
    </message>
    <message>
        <source>What to do</source>
        <translation>处理方法</translation>
    </message>
    <message>
        <source>Data folder</source>
        <translation>数据目录</translation>
    </message>
    <message>
        <source>Free space</source>
        <translation>剩余空间</translation>
    </message>
    <message>
        <source>What failed</source>
        <translation>出错内容</translation>
    </message>
    <message>
        <source>Last tried</source>
        <translation>上次尝试</translation>
    </message>
    <message>
        <source>The kiosk tries again by itself every %1 seconds and carries on once the disk takes writes.</source>
        <translation>终端每 %1 秒自动重试一次，磁盘可以写入后即恢复服务。</translation>
    </message>
    <message>
        <source>Trying…</source>
        <translation>正在重试…</translation>
    </message>
    <message>
        <source>Try again now</source>
        <translation>立即重试</translation>
    </message>
</context>
<context>
    <name>Sync</name>
    <message>
        <source>This kiosk is not enrolled with the county yet. Ask the technician.</source>
        <translation>本机还没在县里注册，请找技术员。</translation>
    </message>
    <message>
        <source>The county server address must start with https://. Call the technician.</source>
        <translation>县里服务器地址必须以 https:// 开头，请联系技术员。</translation>
    </message>
    <message>
        <source>Cannot reach the county server. Records are kept and sent later.</source>
        <translation>连不上县里的服务器，记录都保存着，稍后再传。</translation>
    </message>
    <message>
        <source>The county server did not answer in time. Trying again soon.</source>
        <translation>县里服务器没有及时回复，稍后再试。</translation>
    </message>
    <message>
        <source>The connection broke. Trying again soon.</source>
        <translation>连接断了，稍后再试。</translation>
    </message>
    <message>
        <source>The county server&apos;s answer was cut short. Trying again soon.</source>
        <translation>县里服务器的回复不完整，稍后再试。</translation>
    </message>
    <message>
        <source>The county server has a problem. Trying again soon.</source>
        <translation>县里服务器出了问题，稍后再试。</translation>
    </message>
    <message>
        <source>The county server is busy. Trying again soon.</source>
        <translation>县里服务器繁忙，稍后再试。</translation>
    </message>
    <message>
        <source>The county server&apos;s certificate could not be checked. Call the technician.</source>
        <translation>无法核对县里服务器的证书，请联系技术员。</translation>
    </message>
    <message>
        <source>The county does not know this kiosk. Enrol it again.</source>
        <translation>县里不认识本机，请重新注册。</translation>
    </message>
    <message>
        <source>The county withdrew this kiosk&apos;s access. Ask for a new enrolment code.</source>
        <translation>县里已收回本机的权限，请申请新的注册码。</translation>
    </message>
    <message>
        <source>The county needs a newer kiosk program. Call the technician to update it.</source>
        <translation>县里需要更新版本的终端程序。请联系技术员升级。</translation>
    </message>
    <message>
        <source>This kiosk asked for another station&apos;s data. Call the technician.</source>
        <translation>本机请求了别的驿站的数据，请联系技术员。</translation>
    </message>
    <message>
        <source>That enrolment code is wrong or already used.</source>
        <translation>注册码不对或已用过。</translation>
    </message>
    <message>
        <source>That enrolment code has expired. Ask the county for a new one.</source>
        <translation>注册码已过期，请向县里要新的。</translation>
    </message>
    <message>
        <source>The county refused the request. Call the technician.</source>
        <translation>县里拒绝了请求，请联系技术员。</translation>
    </message>
    <message>
        <source>The kiosk&apos;s key store could not be read. Call the technician.</source>
        <translation>读不了本机的密钥库，请联系技术员。</translation>
    </message>
    <message>
        <source>This kiosk&apos;s storage is full or cannot be written. Free some space or call the technician; sync tries again soon.</source>
        <translation>本机存储已满或无法写入。请清理空间或联系技术员；稍后会自动重试同步。</translation>
    </message>
    <message>
        <source>A sync is already running on this kiosk. Trying again soon.</source>
        <translation>本机已有一次同步正在进行，稍后再试。</translation>
    </message>
    <message>
        <source>Sync failed. Trying again soon.</source>
        <translation>同步失败，稍后再试。</translation>
    </message>
    <message>
        <source>The county does not take this kind of record yet.</source>
        <translation>县里暂不接收这类记录。</translation>
    </message>
    <message>
        <source>The county found this record incomplete.</source>
        <translation>县里认为这条记录不完整。</translation>
    </message>
    <message>
        <source>It seemed to contain a phone number, so it was not sent.</source>
        <translation>内容里像有手机号，所以没有上传。</translation>
    </message>
    <message>
        <source>Another record was sent before under the same number.</source>
        <translation>同一编号之前已上传过另一条记录。</translation>
    </message>
    <message>
        <source>The county already has this record.</source>
        <translation>县里已经有这条记录。</translation>
    </message>
    <message>
        <source>This record is damaged on the kiosk.</source>
        <translation>这条记录在本机已损坏。</translation>
    </message>
    <message>
        <source>The county server failed on it several times.</source>
        <translation>县里服务器多次处理失败。</translation>
    </message>
    <message>
        <source>The county refused this record.</source>
        <translation>县里退回了这条记录。</translation>
    </message>
    <message>
        <source>Visit</source>
        <translation>来站</translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation>正在同步…</translation>
    </message>
    <message>
        <source>Not connected to the county</source>
        <translation>未接入县里</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>在线</translation>
    </message>
    <message>
        <source>All records sent</source>
        <translation>全部已上传</translation>
    </message>
    <message>
        <source>1 record waiting</source>
        <translation>1 条待上传</translation>
    </message>
    <message>
        <source>%1 records waiting</source>
        <translation>%1 条待上传</translation>
    </message>
    <message>
        <source>Not synced yet</source>
        <translation>还没同步过</translation>
    </message>
    <message>
        <source>Last synced %1</source>
        <translation>上次同步 %1</translation>
    </message>
    <message>
        <source>Parking booking</source>
        <translation>停车预约</translation>
    </message>
    <message>
        <source>Parking change</source>
        <translation>停车预约变更</translation>
    </message>
    <message>
        <source>Answer to a remote booking</source>
        <translation>远程预约的答复</translation>
    </message>
    <message>
        <source>Rest</source>
        <translation>休息记录</translation>
    </message>
    <message>
        <source>Day report</source>
        <translation>日报</translation>
    </message>
</context>
<context>
    <name>SyncStatusPage</name>
    <message>
        <source>County sync</source>
        <translation>县里同步</translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation>正在同步…</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>立即同步</translation>
    </message>
    <message>
        <source>Refused by the county (%1)</source>
        <translation>县里退回的记录（%1）</translation>
    </message>
    <message>
        <source>Send again</source>
        <translation>重新发送</translation>
    </message>
    <message>
        <source>Stop sending it</source>
        <translation>不再发送</translation>
    </message>
    <message>
        <source>It will never be sent again. Why?</source>
        <translation>这条记录以后不会再发。为什么？</translation>
    </message>
    <message>
        <source>The record is wrong</source>
        <translation>记录有误</translation>
    </message>
    <message>
        <source>The county has it already</source>
        <translation>县里已经有了</translation>
    </message>
    <message>
        <source>The county does not want it</source>
        <translation>县里不要这类记录</translation>
    </message>
    <message>
        <source>Keep it</source>
        <translation>先留着</translation>
    </message>
    <message>
        <source>Send the refused records again</source>
        <translation>重新上传退回的记录</translation>
    </message>
</context>
<context>
    <name>TitleBar</name>
    <message>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <source>Home</source>
        <translation>首页</translation>
    </message>
</context>
</TS>
