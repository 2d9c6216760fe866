# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'create_workspace_dialog.ui'
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
from PySide6.QtWidgets import (QAbstractButton, QApplication, QCheckBox, QDialog,
    QDialogButtonBox, QFormLayout, QLabel, QLineEdit,
    QSizePolicy, QSpacerItem, QVBoxLayout, QWidget)

class Ui_CreateWorkspaceDialog(object):
    def setupUi(self, CreateWorkspaceDialog):
        if not CreateWorkspaceDialog.objectName():
            CreateWorkspaceDialog.setObjectName(u"CreateWorkspaceDialog")
        CreateWorkspaceDialog.resize(500, 320)
        self.dialogLayout = QVBoxLayout(CreateWorkspaceDialog)
        self.dialogLayout.setSpacing(12)
        self.dialogLayout.setObjectName(u"dialogLayout")
        self.dialogLayout.setContentsMargins(20, 20, 20, 16)
        self.intro = QLabel(CreateWorkspaceDialog)
        self.intro.setObjectName(u"intro")
        self.intro.setWordWrap(True)

        self.dialogLayout.addWidget(self.intro)

        self.form = QFormLayout()
        self.form.setObjectName(u"form")
        self.passphraseLabel = QLabel(CreateWorkspaceDialog)
        self.passphraseLabel.setObjectName(u"passphraseLabel")

        self.form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.passphraseLabel)

        self.passphrase = QLineEdit(CreateWorkspaceDialog)
        self.passphrase.setObjectName(u"passphrase")
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)

        self.form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.passphrase)

        self.repeatLabel = QLabel(CreateWorkspaceDialog)
        self.repeatLabel.setObjectName(u"repeatLabel")

        self.form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.repeatLabel)

        self.repeatPassphrase = QLineEdit(CreateWorkspaceDialog)
        self.repeatPassphrase.setObjectName(u"repeatPassphrase")
        self.repeatPassphrase.setEchoMode(QLineEdit.EchoMode.Password)

        self.form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.repeatPassphrase)

        self.showPassphrase = QCheckBox(CreateWorkspaceDialog)
        self.showPassphrase.setObjectName(u"showPassphrase")

        self.form.setWidget(2, QFormLayout.ItemRole.FieldRole, self.showPassphrase)


        self.dialogLayout.addLayout(self.form)

        self.error = QLabel(CreateWorkspaceDialog)
        self.error.setObjectName(u"error")
        self.error.setWordWrap(True)

        self.dialogLayout.addWidget(self.error)

        self.spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.dialogLayout.addItem(self.spacer)

        self.buttons = QDialogButtonBox(CreateWorkspaceDialog)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.dialogLayout.addWidget(self.buttons)

#if QT_CONFIG(shortcut)
        self.passphraseLabel.setBuddy(self.passphrase)
        self.repeatLabel.setBuddy(self.repeatPassphrase)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.passphrase, self.repeatPassphrase)
        QWidget.setTabOrder(self.repeatPassphrase, self.showPassphrase)

        self.retranslateUi(CreateWorkspaceDialog)

        QMetaObject.connectSlotsByName(CreateWorkspaceDialog)
    # setupUi

    def retranslateUi(self, CreateWorkspaceDialog):
        CreateWorkspaceDialog.setWindowTitle(QCoreApplication.translate("CreateWorkspaceDialog", u"Welcome to InterventionDesk", None))
        self.intro.setText(QCoreApplication.translate("CreateWorkspaceDialog", u"Everything you record here is encrypted on this computer. Choose a passphrase to lock it: several unrelated words are long, hard to guess and easy to remember. You will type it each time you open InterventionDesk.", None))
        self.passphraseLabel.setText(QCoreApplication.translate("CreateWorkspaceDialog", u"&Passphrase:", None))
#if QT_CONFIG(accessibility)
        self.passphrase.setAccessibleName(QCoreApplication.translate("CreateWorkspaceDialog", u"Passphrase", None))
#endif // QT_CONFIG(accessibility)
        self.repeatLabel.setText(QCoreApplication.translate("CreateWorkspaceDialog", u"Re&peat it:", None))
#if QT_CONFIG(accessibility)
        self.repeatPassphrase.setAccessibleName(QCoreApplication.translate("CreateWorkspaceDialog", u"Repeat the passphrase", None))
#endif // QT_CONFIG(accessibility)
        self.showPassphrase.setText(QCoreApplication.translate("CreateWorkspaceDialog", u"&Show what I type", None))
#if QT_CONFIG(accessibility)
        self.error.setAccessibleName(QCoreApplication.translate("CreateWorkspaceDialog", u"Problem", None))
#endif // QT_CONFIG(accessibility)
    # retranslateUi

