; Inno Setup script for the Windows installer. Build the PyInstaller onedir first
; (pyinstaller packaging\interventiondesk.spec), then: iscc packaging\interventiondesk.iss
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
Compression=lzma2
SolidCompression=yes
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesInstallIn64BitMode=x64compatible

[Files]
Source: "..\dist\InterventionDesk\*"; DestDir: "{app}"; Flags: recursesubdirs ignoreversion

[Icons]
Name: "{group}\InterventionDesk"; Filename: "{app}\interventiondesk.exe"
Name: "{autodesktop}\InterventionDesk"; Filename: "{app}\interventiondesk.exe"; Tasks: desktopicon

[Tasks]
Name: "desktopicon"; Description: "Create a desktop shortcut"; Flags: unchecked

; The workspace lives in the user's data folder and is never removed by the uninstaller.
