; Inno Setup script for the Windows installer (see packaging/README.md, "Windows").
; On Windows, from the repository root, after building the onedir app and the icon:
;   python packaging\render_icons.py build\icons
;   pyinstaller --noconfirm --distpath dist --workpath build\pyinstaller packaging\interventiondesk.spec
;   iscc packaging\interventiondesk.iss
; AppVersion must equal __version__ in src\interventiondesk\__init__.py (a test checks it).
#define AppVersion "0.1.0"

[Setup]
AppId={{5C0E8A52-1D7B-4E36-9E2B-6B7D1C0F4A11}
AppName=InterventionDesk
AppVersion={#AppVersion}
AppPublisher=InterventionDesk developers
DefaultDirName={autopf}\InterventionDesk
DefaultGroupName=InterventionDesk
OutputDir=..\dist
OutputBaseFilename=InterventionDesk-{#AppVersion}-setup
SetupIconFile=..\build\icons\interventiondesk.ico
UninstallDisplayIcon={app}\interventiondesk-gui.exe
Compression=lzma2
SolidCompression=yes
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible

[Files]
; interventiondesk.exe is the command line (a console program); interventiondesk-gui.exe is
; the same program without a console window, for the Start menu and the desktop.
Source: "..\dist\InterventionDesk\*"; DestDir: "{app}"; Flags: recursesubdirs ignoreversion

[Icons]
Name: "{group}\InterventionDesk"; Filename: "{app}\interventiondesk-gui.exe"
Name: "{autodesktop}\InterventionDesk"; Filename: "{app}\interventiondesk-gui.exe"; Tasks: desktopicon

[Tasks]
Name: "desktopicon"; Description: "Create a desktop shortcut"; Flags: unchecked

; The data-folder rule, the same on every platform: the workspace lives in the user's data
; folder (%LOCALAPPDATA%\InterventionDesk\workspace), never in the installation folder, and
; the uninstaller has no [UninstallDelete] entry, so uninstalling or upgrading never touches it.
