<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
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
    <name>ConsentPage</name>
    <message>
        <source>Before we keep your number</source>
        <translation>保存手机号前，先说明一下</translation>
    </message>
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
    <name>HomePage</name>
    <message>
        <source>Large text</source>
        <translation>大字</translation>
    </message>
    <message>
        <source>Note for the keeper</source>
        <translation>站长请看提醒</translation>
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
        <source>This station</source>
        <translation>本站服务</translation>
    </message>
    <message>
        <source>Opening hours and what is here</source>
        <translation>开放时间和设施</translation>
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
        <translation>老朋友</translation>
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
