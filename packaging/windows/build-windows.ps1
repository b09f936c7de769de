<#
.SYNOPSIS
  Builds the Red Home kiosk for Windows: the PyInstaller one-folder build, its self-test, and
  the Inno Setup installer redhome-kiosk-VERSION-windows-x64-setup.exe in dist\.

.DESCRIPTION
  Run on Windows 10/11 x64 from a clone of the repository, in PowerShell 5.1 or 7:
    powershell -ExecutionPolicy Bypass -File packaging\windows\build-windows.ps1
  Needs Python 3.11 x64 (python.org) and Inno Setup 6 (jrsoftware.org). Makes a venv in
  build\venv-windows (git-ignored) with the project and PyInstaller; output goes to dist\.

  Not tried here: the project is built and tested on Linux. See packaging\README.md.

.PARAMETER Python
  The Python 3.11 to build the venv from (default: py -3.11 if the launcher exists, else python).

.PARAMETER InnoSetup
  ISCC.exe (default: Inno Setup 6 in Program Files (x86)).

.PARAMETER Clean
  Throw PyInstaller's cache away first.
#>
param(
    [string]$Python = "",
    [string]$InnoSetup = "${env:ProgramFiles(x86)}\Inno Setup 6\ISCC.exe",
    [switch]$Clean
)

$ErrorActionPreference = "Stop"
Set-StrictMode -Version Latest
$started = Get-Date

$Repo = (Resolve-Path (Join-Path $PSScriptRoot "..\..")).Path
$Venv = Join-Path $Repo "build\venv-windows"
$Work = Join-Path $Repo "build\packaging"
$Dist = Join-Path $Repo "dist"
$Bundle = Join-Path $Dist "redhome-kiosk"

function Invoke-Checked {
    # Native programs report failure through $LASTEXITCODE, which PowerShell does not stop on.
    param([string]$Exe, [string[]]$Arguments)
    & $Exe @Arguments
    if ($LASTEXITCODE -ne 0) { throw "$Exe $($Arguments -join ' ') failed ($LASTEXITCODE)" }
}

if (-not (Test-Path (Join-Path $Venv "Scripts\python.exe"))) {
    Write-Host "==> venv in $Venv"
    if ($Python) { Invoke-Checked $Python @("-m", "venv", $Venv) }
    elseif (Get-Command py -ErrorAction SilentlyContinue) { Invoke-Checked "py" @("-3.11", "-m", "venv", $Venv) }
    else { Invoke-Checked "python" @("-m", "venv", $Venv) }
}
$Py = Join-Path $Venv "Scripts\python.exe"
Invoke-Checked $Py @("-m", "pip", "install", "--quiet", "--upgrade", "pip")
Invoke-Checked $Py @("-m", "pip", "install", "--quiet", "-e", "$Repo[packaging]")
$Version = (& $Py -c "import kiosk; print(kiosk.__version__)").Trim()

Write-Host "==> translations"
$I18n = Join-Path $Work "i18n"
if (Test-Path $I18n) { Remove-Item -Recurse -Force $I18n }
New-Item -ItemType Directory -Force $I18n | Out-Null
foreach ($ts in Get-ChildItem (Join-Path $Repo "resources\i18n\*.ts")) {
    Invoke-Checked (Join-Path $Venv "Scripts\pyside6-lrelease.exe") @(
        "-silent", $ts.FullName, "-qm", (Join-Path $I18n ($ts.BaseName + ".qm")))
}

Write-Host "==> PyInstaller"
if (Test-Path $Bundle) { Remove-Item -Recurse -Force $Bundle }
$env:REDHOME_I18N_DIR = $I18n
$env:PYINSTALLER_CONFIG_DIR = Join-Path $Work "cache"
$pyiArgs = @("-m", "PyInstaller", "--noconfirm", "--log-level", "WARN")
if ($Clean) { $pyiArgs += "--clean" }
$pyiArgs += @("--distpath", $Dist, "--workpath", (Join-Path $Work "pyinstaller"),
    (Join-Path $Repo "packaging\redhome-kiosk.spec"))
Invoke-Checked $Py $pyiArgs
Copy-Item (Join-Path $Repo "packaging\README.md") (Join-Path $Bundle "README.md")

Write-Host "==> self-test of the build"
# Through the console build: the windowed one has no stdout to print to.
Invoke-Checked (Join-Path $Bundle "redhome-kiosk-console.exe") @("--self-test")

Write-Host "==> installer"
if (-not (Test-Path $InnoSetup)) { throw "Inno Setup 6 not found at $InnoSetup (-InnoSetup PATH)" }
Invoke-Checked $InnoSetup @("/Q", "/DAppVersion=$Version", "/DSourceDir=$Bundle", "/DOutputDir=$Dist",
    (Join-Path $Repo "packaging\windows\redhome-kiosk.iss"))
$Setup = Join-Path $Dist "redhome-kiosk-$Version-windows-x64-setup.exe"

$folderBytes = (Get-ChildItem -Recurse -File $Bundle | Measure-Object -Property Length -Sum).Sum
$setupBytes = (Get-Item $Setup).Length
$seconds = [int]((Get-Date) - $started).TotalSeconds
Write-Host ""
Write-Host ("bundle folder: {0} ({1:N1} MB)" -f $Bundle, ($folderBytes / 1e6))
Write-Host ("installer:     {0} ({1:N1} MB)" -f $Setup, ($setupBytes / 1e6))
Write-Host ("build time:    {0}s" -f $seconds)
