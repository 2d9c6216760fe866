# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'change_passphrase_dialog.ui'
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
    QFormLayout, QLabel, QLineEdit, QSizePolicy,
    QSpacerItem, QVBoxLayout, QWidget)

class Ui_ChangePassphraseDialog(object):
    def setupUi(self, ChangePassphraseDialog):
        if not ChangePassphraseDialog.objectName():
            ChangePassphraseDialog.setObjectName(u"ChangePassphraseDialog")
        ChangePassphraseDialog.resize(460, 260)
        self.dialogLayout = QVBoxLayout(ChangePassphraseDialog)
        self.dialogLayout.setSpacing(12)
        self.dialogLayout.setObjectName(u"dialogLayout")
        self.dialogLayout.setContentsMargins(20, 20, 20, 16)
        self.intro = QLabel(ChangePassphraseDialog)
        self.intro.setObjectName(u"intro")
        self.intro.setWordWrap(True)

        self.dialogLayout.addWidget(self.intro)

        self.form = QFormLayout()
        self.form.setObjectName(u"form")
        self.currentLabel = QLabel(ChangePassphraseDialog)
        self.currentLabel.setObjectName(u"currentLabel")

        self.form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.currentLabel)

        self.currentPassphrase = QLineEdit(ChangePassphraseDialog)
        self.currentPassphrase.setObjectName(u"currentPassphrase")
        self.currentPassphrase.setEchoMode(QLineEdit.EchoMode.Password)

        self.form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.currentPassphrase)

        self.newLabel = QLabel(ChangePassphraseDialog)
        self.newLabel.setObjectName(u"newLabel")

        self.form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.newLabel)

        self.newPassphrase = QLineEdit(ChangePassphraseDialog)
        self.newPassphrase.setObjectName(u"newPassphrase")
        self.newPassphrase.setEchoMode(QLineEdit.EchoMode.Password)

        self.form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.newPassphrase)

        self.repeatLabel = QLabel(ChangePassphraseDialog)
        self.repeatLabel.setObjectName(u"repeatLabel")

        self.form.setWidget(2, QFormLayout.ItemRole.LabelRole, self.repeatLabel)

        self.repeatPassphrase = QLineEdit(ChangePassphraseDialog)
        self.repeatPassphrase.setObjectName(u"repeatPassphrase")
        self.repeatPassphrase.setEchoMode(QLineEdit.EchoMode.Password)

        self.form.setWidget(2, QFormLayout.ItemRole.FieldRole, self.repeatPassphrase)


        self.dialogLayout.addLayout(self.form)

        self.error = QLabel(ChangePassphraseDialog)
        self.error.setObjectName(u"error")
        self.error.setWordWrap(True)

        self.dialogLayout.addWidget(self.error)

        self.spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.dialogLayout.addItem(self.spacer)

        self.buttons = QDialogButtonBox(ChangePassphraseDialog)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.dialogLayout.addWidget(self.buttons)

#if QT_CONFIG(shortcut)
        self.currentLabel.setBuddy(self.currentPassphrase)
        self.newLabel.setBuddy(self.newPassphrase)
        self.repeatLabel.setBuddy(self.repeatPassphrase)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.currentPassphrase, self.newPassphrase)
        QWidget.setTabOrder(self.newPassphrase, self.repeatPassphrase)

        self.retranslateUi(ChangePassphraseDialog)

        QMetaObject.connectSlotsByName(ChangePassphraseDialog)
    # setupUi

    def retranslateUi(self, ChangePassphraseDialog):
        ChangePassphraseDialog.setWindowTitle(QCoreApplication.translate("ChangePassphraseDialog", u"Change passphrase", None))
        self.intro.setText(QCoreApplication.translate("ChangePassphraseDialog", u"The new passphrase takes effect the next time you open InterventionDesk. Your recovery key stays the same.", None))
        self.currentLabel.setText(QCoreApplication.translate("ChangePassphraseDialog", u"C&urrent passphrase:", None))
#if QT_CONFIG(accessibility)
        self.currentPassphrase.setAccessibleName(QCoreApplication.translate("ChangePassphraseDialog", u"Current passphrase", None))
#endif // QT_CONFIG(accessibility)
        self.newLabel.setText(QCoreApplication.translate("ChangePassphraseDialog", u"&New passphrase:", None))
#if QT_CONFIG(accessibility)
        self.newPassphrase.setAccessibleName(QCoreApplication.translate("ChangePassphraseDialog", u"New passphrase", None))
#endif // QT_CONFIG(accessibility)
        self.repeatLabel.setText(QCoreApplication.translate("ChangePassphraseDialog", u"Re&peat it:", None))
#if QT_CONFIG(accessibility)
        self.repeatPassphrase.setAccessibleName(QCoreApplication.translate("ChangePassphraseDialog", u"Repeat the new passphrase", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.error.setAccessibleName(QCoreApplication.translate("ChangePassphraseDialog", u"Problem", None))
#endif // QT_CONFIG(accessibility)
    # retranslateUi

