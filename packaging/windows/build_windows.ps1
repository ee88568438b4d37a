# Build the Windows one-folder app and its NSIS installer (CI: windows-2022 runner, Python 3.11+,
# NSIS from `choco install nsis -y`, which puts makensis.exe under C:\Program Files (x86)\NSIS).
#
#   powershell -ExecutionPolicy Bypass -File packaging\windows\build_windows.ps1
#
# Outputs (gitignored): packaging\dist\wacampaign-desktop\ and
# packaging\dist\wacampaign-desktop-<version>-setup.exe. To ship the ngrok agent, put ngrok.exe
# at packaging\ngrok\windows\ngrok.exe before building. Sign both .exe files with signtool if the
# team has a code-signing certificate.
$ErrorActionPreference = "Stop"
$Packaging = Split-Path -Parent $PSScriptRoot
$Root = Split-Path -Parent $Packaging
$Venv = Join-Path $Packaging "build\venv-windows"

if (-not (Test-Path "$Venv\Scripts\python.exe")) { py -3 -m venv $Venv }
& "$Venv\Scripts\python.exe" -m pip install -q --upgrade pip
& "$Venv\Scripts\python.exe" -m pip install -q "$Root[packaging]"
if ($LASTEXITCODE) { throw "pip install failed" }

Push-Location $Root
& "$Venv\Scripts\pyinstaller.exe" --noconfirm --clean --log-level WARN `
    --distpath "$Packaging\dist" --workpath "$Packaging\build\pyinstaller" `
    "$Packaging\wacampaign-desktop.spec"
Pop-Location
if ($LASTEXITCODE) { throw "PyInstaller failed" }

$Bundle = Join-Path $Packaging "dist\wacampaign-desktop"
if (Test-Path "$Packaging\ngrok\windows\ngrok.exe") { Copy-Item "$Packaging\ngrok\windows\ngrok.exe" $Bundle }
$Version = & "$Venv\Scripts\python.exe" -c "import tomllib; print(tomllib.load(open(r'$Root\pyproject.toml','rb'))['project']['version'])"

# The executable is windowed (no console): read the self-test's result from --report.
$env:QT_QPA_PLATFORM = "offscreen"
$Report = Join-Path $Packaging "build\self-test.txt"
$Proc = Start-Process -FilePath "$Bundle\wacampaign-desktop.exe" -ArgumentList "self-test", "--report", "`"$Report`"" -Wait -PassThru -NoNewWindow
Get-Content $Report
if ($Proc.ExitCode -ne 0) { throw "self-test failed (exit $($Proc.ExitCode))" }

$Makensis = (Get-Command makensis.exe -ErrorAction SilentlyContinue).Source
if (-not $Makensis) { $Makensis = "${env:ProgramFiles(x86)}\NSIS\makensis.exe" }
& $Makensis /V2 "/DVERSION=$Version" "/DSOURCE_DIR=$Bundle" `
    "/DOUTFILE=$Packaging\dist\wacampaign-desktop-$Version-setup.exe" "$PSScriptRoot\installer.nsi"
if ($LASTEXITCODE) { throw "makensis failed" }
