# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'recovery_key_dialog.ui'
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
    QDialogButtonBox, QFrame, QHBoxLayout, QLabel,
    QPushButton, QSizePolicy, QSpacerItem, QVBoxLayout,
    QWidget)

class Ui_RecoveryKeyDialog(object):
    def setupUi(self, RecoveryKeyDialog):
        if not RecoveryKeyDialog.objectName():
            RecoveryKeyDialog.setObjectName(u"RecoveryKeyDialog")
        RecoveryKeyDialog.resize(560, 320)
        self.dialogLayout = QVBoxLayout(RecoveryKeyDialog)
        self.dialogLayout.setSpacing(12)
        self.dialogLayout.setObjectName(u"dialogLayout")
        self.dialogLayout.setContentsMargins(20, 20, 20, 16)
        self.intro = QLabel(RecoveryKeyDialog)
        self.intro.setObjectName(u"intro")
        self.intro.setWordWrap(True)

        self.dialogLayout.addWidget(self.intro)

        self.keyText = QLabel(RecoveryKeyDialog)
        self.keyText.setObjectName(u"keyText")
        self.keyText.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.keyText.setWordWrap(True)
        self.keyText.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard|Qt.TextInteractionFlag.TextSelectableByMouse)
        self.keyText.setFrameShape(QFrame.Shape.StyledPanel)
        self.keyText.setMargin(12)

        self.dialogLayout.addWidget(self.keyText)

        self.actions = QHBoxLayout()
        self.actions.setObjectName(u"actions")
        self.printButton = QPushButton(RecoveryKeyDialog)
        self.printButton.setObjectName(u"printButton")

        self.actions.addWidget(self.printButton)

        self.copyButton = QPushButton(RecoveryKeyDialog)
        self.copyButton.setObjectName(u"copyButton")

        self.actions.addWidget(self.copyButton)

        self.actionsSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.actions.addItem(self.actionsSpacer)


        self.dialogLayout.addLayout(self.actions)

        self.storedSafely = QCheckBox(RecoveryKeyDialog)
        self.storedSafely.setObjectName(u"storedSafely")

        self.dialogLayout.addWidget(self.storedSafely)

        self.status = QLabel(RecoveryKeyDialog)
        self.status.setObjectName(u"status")
        self.status.setWordWrap(True)

        self.dialogLayout.addWidget(self.status)

        self.spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.dialogLayout.addItem(self.spacer)

        self.buttons = QDialogButtonBox(RecoveryKeyDialog)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Ok)

        self.dialogLayout.addWidget(self.buttons)

        QWidget.setTabOrder(self.printButton, self.copyButton)
        QWidget.setTabOrder(self.copyButton, self.storedSafely)

        self.retranslateUi(RecoveryKeyDialog)

        QMetaObject.connectSlotsByName(RecoveryKeyDialog)
    # setupUi

    def retranslateUi(self, RecoveryKeyDialog):
        RecoveryKeyDialog.setWindowTitle(QCoreApplication.translate("RecoveryKeyDialog", u"Your recovery key", None))
        self.intro.setText(QCoreApplication.translate("RecoveryKeyDialog", u"If you ever forget your passphrase, this recovery key is the only way back into your notes. Print it or write it down now and keep it somewhere locked, away from this computer. It is shown only this once.", None))
#if QT_CONFIG(accessibility)
        self.keyText.setAccessibleName(QCoreApplication.translate("RecoveryKeyDialog", u"Recovery key", None))
#endif // QT_CONFIG(accessibility)
        self.printButton.setText(QCoreApplication.translate("RecoveryKeyDialog", u"&Print\u2026", None))
        self.copyButton.setText(QCoreApplication.translate("RecoveryKeyDialog", u"&Copy", None))
        self.storedSafely.setText(QCoreApplication.translate("RecoveryKeyDialog", u"I have &stored it safely", None))
    # retranslateUi

