# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'unlock_dialog.ui'
##
## Created by: Qt User Interface Compiler version 6.12.0
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractButton, QApplication, QDialog, QDialogButtonBox,
    QFormLayout, QHBoxLayout, QLabel, QLineEdit,
    QPushButton, QSizePolicy, QSpacerItem, QStackedWidget,
    QVBoxLayout, QWidget)

class Ui_UnlockDialog(object):
    def setupUi(self, UnlockDialog):
        if not UnlockDialog.objectName():
            UnlockDialog.setObjectName(u"UnlockDialog")
        UnlockDialog.resize(460, 250)
        self.dialogLayout = QVBoxLayout(UnlockDialog)
        self.dialogLayout.setSpacing(12)
        self.dialogLayout.setObjectName(u"dialogLayout")
        self.dialogLayout.setContentsMargins(20, 20, 20, 16)
        self.pages = QStackedWidget(UnlockDialog)
        self.pages.setObjectName(u"pages")
        self.passphrasePage = QWidget()
        self.passphrasePage.setObjectName(u"passphrasePage")
        self.passphraseLayout = QVBoxLayout(self.passphrasePage)
        self.passphraseLayout.setSpacing(10)
        self.passphraseLayout.setObjectName(u"passphraseLayout")
        self.passphraseLayout.setContentsMargins(0, 0, 0, 0)
        self.passphraseIntro = QLabel(self.passphrasePage)
        self.passphraseIntro.setObjectName(u"passphraseIntro")
        self.passphraseIntro.setWordWrap(True)

        self.passphraseLayout.addWidget(self.passphraseIntro)

        self.passphraseForm = QFormLayout()
        self.passphraseForm.setObjectName(u"passphraseForm")
        self.passphraseLabel = QLabel(self.passphrasePage)
        self.passphraseLabel.setObjectName(u"passphraseLabel")

        self.passphraseForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.passphraseLabel)

        self.passphrase = QLineEdit(self.passphrasePage)
        self.passphrase.setObjectName(u"passphrase")
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)

        self.passphraseForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.passphrase)


        self.passphraseLayout.addLayout(self.passphraseForm)

        self.passphraseError = QLabel(self.passphrasePage)
        self.passphraseError.setObjectName(u"passphraseError")
        self.passphraseError.setWordWrap(True)

        self.passphraseLayout.addWidget(self.passphraseError)

        self.forgotButtonRow = QHBoxLayout()
        self.forgotButtonRow.setObjectName(u"forgotButtonRow")
        self.forgotButton = QPushButton(self.passphrasePage)
        self.forgotButton.setObjectName(u"forgotButton")
        self.forgotButton.setFlat(True)

        self.forgotButtonRow.addWidget(self.forgotButton)

        self.forgotButtonSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.forgotButtonRow.addItem(self.forgotButtonSpacer)


        self.passphraseLayout.addLayout(self.forgotButtonRow)

        self.passphraseSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.passphraseLayout.addItem(self.passphraseSpacer)

        self.pages.addWidget(self.passphrasePage)
        self.recoveryPage = QWidget()
        self.recoveryPage.setObjectName(u"recoveryPage")
        self.recoveryLayout = QVBoxLayout(self.recoveryPage)
        self.recoveryLayout.setSpacing(10)
        self.recoveryLayout.setObjectName(u"recoveryLayout")
        self.recoveryLayout.setContentsMargins(0, 0, 0, 0)
        self.recoveryIntro = QLabel(self.recoveryPage)
        self.recoveryIntro.setObjectName(u"recoveryIntro")
        self.recoveryIntro.setWordWrap(True)

        self.recoveryLayout.addWidget(self.recoveryIntro)

        self.recoveryForm = QFormLayout()
        self.recoveryForm.setObjectName(u"recoveryForm")
        self.recoveryKeyLabel = QLabel(self.recoveryPage)
        self.recoveryKeyLabel.setObjectName(u"recoveryKeyLabel")

        self.recoveryForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.recoveryKeyLabel)

        self.recoveryKey = QLineEdit(self.recoveryPage)
        self.recoveryKey.setObjectName(u"recoveryKey")

        self.recoveryForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.recoveryKey)

        self.newPassphraseLabel = QLabel(self.recoveryPage)
        self.newPassphraseLabel.setObjectName(u"newPassphraseLabel")

        self.recoveryForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.newPassphraseLabel)

        self.newPassphrase = QLineEdit(self.recoveryPage)
        self.newPassphrase.setObjectName(u"newPassphrase")
        self.newPassphrase.setEchoMode(QLineEdit.EchoMode.Password)

        self.recoveryForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.newPassphrase)

        self.repeatLabel = QLabel(self.recoveryPage)
        self.repeatLabel.setObjectName(u"repeatLabel")

        self.recoveryForm.setWidget(2, QFormLayout.ItemRole.LabelRole, self.repeatLabel)

        self.repeatPassphrase = QLineEdit(self.recoveryPage)
        self.repeatPassphrase.setObjectName(u"repeatPassphrase")
        self.repeatPassphrase.setEchoMode(QLineEdit.EchoMode.Password)

        self.recoveryForm.setWidget(2, QFormLayout.ItemRole.FieldRole, self.repeatPassphrase)


        self.recoveryLayout.addLayout(self.recoveryForm)

        self.recoveryError = QLabel(self.recoveryPage)
        self.recoveryError.setObjectName(u"recoveryError")
        self.recoveryError.setWordWrap(True)

        self.recoveryLayout.addWidget(self.recoveryError)

        self.backButtonRow = QHBoxLayout()
        self.backButtonRow.setObjectName(u"backButtonRow")
        self.backButton = QPushButton(self.recoveryPage)
        self.backButton.setObjectName(u"backButton")
        self.backButton.setFlat(True)

        self.backButtonRow.addWidget(self.backButton)

        self.backButtonSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.backButtonRow.addItem(self.backButtonSpacer)


        self.recoveryLayout.addLayout(self.backButtonRow)

        self.recoverySpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.recoveryLayout.addItem(self.recoverySpacer)

        self.pages.addWidget(self.recoveryPage)

        self.dialogLayout.addWidget(self.pages)

        self.buttons = QDialogButtonBox(UnlockDialog)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.dialogLayout.addWidget(self.buttons)

#if QT_CONFIG(shortcut)
        self.passphraseLabel.setBuddy(self.passphrase)
        self.recoveryKeyLabel.setBuddy(self.recoveryKey)
        self.newPassphraseLabel.setBuddy(self.newPassphrase)
        self.repeatLabel.setBuddy(self.repeatPassphrase)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.passphrase, self.forgotButton)
        QWidget.setTabOrder(self.forgotButton, self.recoveryKey)
        QWidget.setTabOrder(self.recoveryKey, self.newPassphrase)
        QWidget.setTabOrder(self.newPassphrase, self.repeatPassphrase)
        QWidget.setTabOrder(self.repeatPassphrase, self.backButton)

        self.retranslateUi(UnlockDialog)

        QMetaObject.connectSlotsByName(UnlockDialog)
    # setupUi

    def retranslateUi(self, UnlockDialog):
        UnlockDialog.setWindowTitle(QCoreApplication.translate("UnlockDialog", u"Unlock InterventionDesk", None))
        self.passphraseIntro.setText(QCoreApplication.translate("UnlockDialog", u"Your case notes are kept encrypted on this computer. Enter your passphrase to open them.", None))
        self.passphraseLabel.setText(QCoreApplication.translate("UnlockDialog", u"&Passphrase:", None))
#if QT_CONFIG(accessibility)
        self.passphrase.setAccessibleName(QCoreApplication.translate("UnlockDialog", u"Passphrase", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.passphraseError.setAccessibleName(QCoreApplication.translate("UnlockDialog", u"Problem", None))
#endif // QT_CONFIG(accessibility)
        self.forgotButton.setText(QCoreApplication.translate("UnlockDialog", u"&Forgot passphrase? Use the recovery key\u2026", None))
#if QT_CONFIG(accessibility)
        self.forgotButton.setAccessibleName(QCoreApplication.translate("UnlockDialog", u"Forgot passphrase: use the recovery key", None))
#endif // QT_CONFIG(accessibility)
        self.recoveryIntro.setText(QCoreApplication.translate("UnlockDialog", u"Type the recovery key you printed or stored when this workspace was created. Spaces and small letters are fine. You can choose a new passphrase at the same time.", None))
        self.recoveryKeyLabel.setText(QCoreApplication.translate("UnlockDialog", u"&Recovery key:", None))
#if QT_CONFIG(accessibility)
        self.recoveryKey.setAccessibleName(QCoreApplication.translate("UnlockDialog", u"Recovery key", None))
#endif // QT_CONFIG(accessibility)
        self.newPassphraseLabel.setText(QCoreApplication.translate("UnlockDialog", u"&New passphrase:", None))
#if QT_CONFIG(accessibility)
        self.newPassphrase.setAccessibleName(QCoreApplication.translate("UnlockDialog", u"New passphrase", None))
#endif // QT_CONFIG(accessibility)
        self.newPassphrase.setPlaceholderText(QCoreApplication.translate("UnlockDialog", u"Leave empty to keep the current one", None))
        self.repeatLabel.setText(QCoreApplication.translate("UnlockDialog", u"Re&peat it:", None))
#if QT_CONFIG(accessibility)
        self.repeatPassphrase.setAccessibleName(QCoreApplication.translate("UnlockDialog", u"Repeat the new passphrase", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.recoveryError.setAccessibleName(QCoreApplication.translate("UnlockDialog", u"Problem", None))
#endif // QT_CONFIG(accessibility)
        self.backButton.setText(QCoreApplication.translate("UnlockDialog", u"&Back to the passphrase", None))
    # retranslateUi

