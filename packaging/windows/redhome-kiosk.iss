; Inno Setup 6 script for the Red Home station kiosk on Windows.
;
; Packs the PyInstaller one-folder build (dist\redhome-kiosk, made by build-windows.ps1) into
; redhome-kiosk-VERSION-windows-x64-setup.exe. Build it through build-windows.ps1, or by hand:
;   ISCC.exe /DAppVersion=0.1.0 packaging\windows\redhome-kiosk.iss
;
; The station's data lives in %ProgramData%\RedHome\kiosk, outside the program folder: an
; upgrade replaces the program and keeps the data, and uninstalling leaves the data in place
; (a technician deletes that folder by hand to wipe a station).
;
; Not tried here: this project is built and tested on Linux. See packaging\README.md.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#ifndef SourceDir
  #define SourceDir "..\..\dist\redhome-kiosk"
#endif
#ifndef OutputDir
  #define OutputDir "..\..\dist"
#endif
#define AppName "Red Home Kiosk"
#define AppExe "redhome-kiosk.exe"
#define ConsoleExe "redhome-kiosk-console.exe"
#define DataDir "{commonappdata}\RedHome\kiosk"
#define LogDir "{commonappdata}\RedHome\logs"

[Setup]
; The AppId ties upgrades to earlier installs; never change it.
AppId={{6E0C2F7A-3B7D-4B8E-9C55-2D41A7F0B1C3}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Changsha County Red Home stations
DefaultDirName={autopf}\RedHome Kiosk
DisableDirPage=yes
DisableProgramGroupPage=yes
DefaultGroupName={#AppName}
OutputDir={#OutputDir}
OutputBaseFilename=redhome-kiosk-{#AppVersion}-windows-x64-setup
Compression=lzma2/max
SolidCompression=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
PrivilegesRequired=admin
WizardStyle=modern
LicenseFile=..\..\LICENSE
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
; The kiosk may be running as the kiosk user's shell; close it so its files can be replaced.
CloseApplications=force
RestartApplications=no
; REDHOME_LOG_DIR below is a machine-wide variable.
ChangesEnvironment=yes
MinVersion=10.0.17763

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Dirs]
; Made once, writable by the kiosk's (standard) user account, never removed by the uninstaller.
Name: "{#DataDir}"; Permissions: users-modify; Flags: uninsneveruninstall
Name: "{#LogDir}"; Permissions: users-modify; Flags: uninsneveruninstall

[InstallDelete]
; A new build replaces the old one whole: a Qt plugin left over from an older build must not be
; loaded by a newer Qt. Only the program folder; the data is elsewhere.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Registry]
; The kiosk writes its rotating logs here (kiosk.logs reads REDHOME_LOG_DIR).
Root: HKLM; Subkey: "SYSTEM\CurrentControlSet\Control\Session Manager\Environment"; \
  ValueType: expandsz; ValueName: "REDHOME_LOG_DIR"; ValueData: "{#LogDir}"; \
  Flags: uninsdeletevalue

[Icons]
; For a technician testing on a desktop; on a station, Shell Launcher starts the kiosk.
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; \
  Parameters: "--data-dir ""{#DataDir}"""; WorkingDir: "{app}"
Name: "{autoprograms}\{#AppName} self-test"; Filename: "{cmd}"; \
  Parameters: "/k """"{app}\{#ConsoleExe}"" --self-test"""; WorkingDir: "{app}"

[Code]
// The new build checks itself before the installer reports success: migrations, database,
// keyring backend and a rendered home page, on a temporary data dir (the station's data is not
// touched). A failure cannot be undone at this point, so the technician is told plainly.
procedure CurStepChanged(CurStep: TSetupStep);
var
  ResultCode: Integer;
begin
  if CurStep = ssPostInstall then
  begin
    WizardForm.StatusLabel.Caption := 'Checking the new build (self-test)...';
    if not Exec(ExpandConstant('{app}\{#ConsoleExe}'), '--self-test', ExpandConstant('{app}'),
      SW_HIDE, ewWaitUntilTerminated, ResultCode) or (ResultCode <> 0) then
      MsgBox('The kiosk failed its self-test (exit code ' + IntToStr(ResultCode) + ').' + #13#10 +
        'Run "' + ExpandConstant('{app}\{#ConsoleExe}') + ' --self-test" in a command prompt ' +
        'to see which check failed, and call support before leaving the station.',
        mbError, MB_OK);
  end;
end;
