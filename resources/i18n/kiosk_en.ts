<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>CloseoutPage</name>
    <message numerus="yes">
        <source>%n record(s) still waiting for the county.</source>
        <translation>
            <numerusform>%n record still waiting for the county.</numerusform>
            <numerusform>%n records still waiting for the county.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ConsentPage</name>
    <message numerus="yes">
        <source>%n day(s). After that your visits no longer lead back to you.</source>
        <translation>
            <numerusform>%n day. After that your visits no longer lead back to you.</numerusform>
            <numerusform>%n days. After that your visits no longer lead back to you.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>IdleOverlay</name>
    <message numerus="yes">
        <source>In %n second(s) the kiosk goes home and clears what you typed.</source>
        <translation>
            <numerusform>In %n second the kiosk goes home and clears what you typed.</numerusform>
            <numerusform>In %n seconds the kiosk goes home and clears what you typed.</numerusform>
        </translation>
    </message>
</context>
</TS>
