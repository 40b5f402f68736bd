; Neglect Toolkit for Windows: a per-machine installer for council and NHS IT teams.
;
; Made by `make windows` with Debian's makensis, because `tauri build --bundles nsis` downloads
; its NSIS plugin (nsis_tauri_utils.dll) at build time, which the project's build machines
; cannot. tauri.conf.json's bundle.windows describes the same install for the Tauri bundler on a
; Windows runner (.github/workflows/release.yml).
;
; Silent install: setup.exe /S        Silent removal: "C:\Program Files\Neglect Toolkit\uninstall.exe" /S
; Records are never touched by either: they live in each user's %LOCALAPPDATA%.
;
; Defined by the Makefile: VERSION, RELEASE_DIR (the cross-built release folder), LICENSE_FILE,
; ICON, OUT_FILE.

; A 64-bit installer for a 64-bit app (Debian's NSIS carries the amd64 stubs); Wine's wine64,
; which the tests use, runs no 32-bit programs.
Target amd64-unicode
ManifestDPIAware true
SetCompressor /SOLID lzma
RequestExecutionLevel admin

!define PRODUCT "Neglect Toolkit"
!define PUBLISHER "Neglect Toolkit developers"
!define IDENTIFIER "org.neglecttoolkit.desktop"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${IDENTIFIER}"
; The Evergreen WebView2 runtime's client id (the same for every machine).
!define WEBVIEW2_KEY "SOFTWARE\WOW6432Node\Microsoft\EdgeUpdate\Clients\{F3017226-FE2A-4295-8BDF-00C3A9A7E4C5}"

Name "${PRODUCT}"
OutFile "${OUT_FILE}"
InstallDir "$PROGRAMFILES64\${PRODUCT}"
InstallDirRegKey HKLM "${UNINSTALL_KEY}" "InstallLocation"
Icon "${ICON}"
UninstallIcon "${ICON}"
BrandingText "${PRODUCT} ${VERSION}"
VIProductVersion "${VERSION}.0"
VIAddVersionKey "ProductName" "${PRODUCT}"
VIAddVersionKey "CompanyName" "${PUBLISHER}"
VIAddVersionKey "FileDescription" "${PRODUCT} installer"
VIAddVersionKey "FileVersion" "${VERSION}"
VIAddVersionKey "ProductVersion" "${VERSION}"
VIAddVersionKey "LegalCopyright" "${PUBLISHER} (MIT licence)"

!include "MUI2.nsh"
!include "x64.nsh"
!insertmacro MUI_PAGE_LICENSE "${LICENSE_FILE}"
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "English"

Function .onInit
  ${IfNot} ${RunningX64}
    MessageBox MB_ICONSTOP "${PRODUCT} needs 64-bit Windows." /SD IDOK
    Abort
  ${EndIf}
  SetRegView 64
  SetShellVarContext all
FunctionEnd

Function un.onInit
  SetRegView 64
  SetShellVarContext all
FunctionEnd

Section "Install"
  SetOutPath "$INSTDIR"
  File "${RELEASE_DIR}\neglect-toolkit.exe"
  File "${RELEASE_DIR}\WebView2Loader.dll"
  File "${RELEASE_DIR}\ntk.exe"
  File "/oname=LICENSE.txt" "${LICENSE_FILE}"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateShortCut "$SMPROGRAMS\${PRODUCT}.lnk" "$INSTDIR\neglect-toolkit.exe"

  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayName" "${PRODUCT}"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\neglect-toolkit.exe"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKLM "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKLM "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKLM "${UNINSTALL_KEY}" "NoRepair" 1

  ; The window needs Microsoft's WebView2 runtime (part of Windows 11 and of updated Windows 10).
  ; This installer cannot carry Microsoft's bootstrapper (it is downloaded from Microsoft, which
  ; these build machines cannot reach); the Tauri-built installer from release.yml embeds it.
  ReadRegStr $0 HKLM "${WEBVIEW2_KEY}" "pv"
  ${If} $0 == ""
    DetailPrint "The Microsoft Edge WebView2 runtime was not found: install it before opening ${PRODUCT}."
  ${EndIf}
SectionEnd

Section "Uninstall"
  Delete "$INSTDIR\neglect-toolkit.exe"
  Delete "$INSTDIR\WebView2Loader.dll"
  Delete "$INSTDIR\ntk.exe"
  Delete "$INSTDIR\LICENSE.txt"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  Delete "$SMPROGRAMS\${PRODUCT}.lnk"
  DeleteRegKey HKLM "${UNINSTALL_KEY}"
SectionEnd
