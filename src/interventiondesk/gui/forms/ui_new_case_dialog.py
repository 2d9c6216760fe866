# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'new_case_dialog.ui'
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
from PySide6.QtWidgets import (QAbstractButton, QApplication, QComboBox, QDialog,
    QDialogButtonBox, QFormLayout, QLabel, QLineEdit,
    QSizePolicy, QSpacerItem, QVBoxLayout, QWidget)

class Ui_NewCaseDialog(object):
    def setupUi(self, NewCaseDialog):
        if not NewCaseDialog.objectName():
            NewCaseDialog.setObjectName(u"NewCaseDialog")
        NewCaseDialog.resize(440, 250)
        self.dialogLayout = QVBoxLayout(NewCaseDialog)
        self.dialogLayout.setSpacing(12)
        self.dialogLayout.setObjectName(u"dialogLayout")
        self.dialogLayout.setContentsMargins(20, 20, 20, 16)
        self.form = QFormLayout()
        self.form.setObjectName(u"form")
        self.clientNameLabel = QLabel(NewCaseDialog)
        self.clientNameLabel.setObjectName(u"clientNameLabel")

        self.form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.clientNameLabel)

        self.clientName = QLineEdit(NewCaseDialog)
        self.clientName.setObjectName(u"clientName")
        self.clientName.setMaxLength(200)

        self.form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.clientName)

        self.kindLabel = QLabel(NewCaseDialog)
        self.kindLabel.setObjectName(u"kindLabel")

        self.form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.kindLabel)

        self.kind = QComboBox(NewCaseDialog)
        self.kind.setObjectName(u"kind")

        self.form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.kind)

        self.modelLabel = QLabel(NewCaseDialog)
        self.modelLabel.setObjectName(u"modelLabel")

        self.form.setWidget(2, QFormLayout.ItemRole.LabelRole, self.modelLabel)

        self.model = QComboBox(NewCaseDialog)
        self.model.setObjectName(u"model")

        self.form.setWidget(2, QFormLayout.ItemRole.FieldRole, self.model)

        self.counselorLabel = QLabel(NewCaseDialog)
        self.counselorLabel.setObjectName(u"counselorLabel")

        self.form.setWidget(3, QFormLayout.ItemRole.LabelRole, self.counselorLabel)

        self.counselor = QLineEdit(NewCaseDialog)
        self.counselor.setObjectName(u"counselor")
        self.counselor.setMaxLength(200)

        self.form.setWidget(3, QFormLayout.ItemRole.FieldRole, self.counselor)


        self.dialogLayout.addLayout(self.form)

        self.error = QLabel(NewCaseDialog)
        self.error.setObjectName(u"error")
        self.error.setWordWrap(True)

        self.dialogLayout.addWidget(self.error)

        self.spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.dialogLayout.addItem(self.spacer)

        self.buttons = QDialogButtonBox(NewCaseDialog)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.dialogLayout.addWidget(self.buttons)

#if QT_CONFIG(shortcut)
        self.clientNameLabel.setBuddy(self.clientName)
        self.kindLabel.setBuddy(self.kind)
        self.modelLabel.setBuddy(self.model)
        self.counselorLabel.setBuddy(self.counselor)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.clientName, self.kind)
        QWidget.setTabOrder(self.kind, self.model)
        QWidget.setTabOrder(self.model, self.counselor)

        self.retranslateUi(NewCaseDialog)

        QMetaObject.connectSlotsByName(NewCaseDialog)
    # setupUi

    def retranslateUi(self, NewCaseDialog):
        NewCaseDialog.setWindowTitle(QCoreApplication.translate("NewCaseDialog", u"New case", None))
        self.clientNameLabel.setText(QCoreApplication.translate("NewCaseDialog", u"&Client's name:", None))
#if QT_CONFIG(accessibility)
        self.clientName.setAccessibleName(QCoreApplication.translate("NewCaseDialog", u"Client's name", None))
#endif // QT_CONFIG(accessibility)
        self.kindLabel.setText(QCoreApplication.translate("NewCaseDialog", u"&Kind:", None))
#if QT_CONFIG(accessibility)
        self.kind.setAccessibleName(QCoreApplication.translate("NewCaseDialog", u"Kind of intervention", None))
#endif // QT_CONFIG(accessibility)
        self.modelLabel.setText(QCoreApplication.translate("NewCaseDialog", u"&Model:", None))
#if QT_CONFIG(accessibility)
        self.model.setAccessibleName(QCoreApplication.translate("NewCaseDialog", u"Intervention model", None))
#endif // QT_CONFIG(accessibility)
        self.counselorLabel.setText(QCoreApplication.translate("NewCaseDialog", u"C&ounselor:", None))
#if QT_CONFIG(accessibility)
        self.counselor.setAccessibleName(QCoreApplication.translate("NewCaseDialog", u"Counselor", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.error.setAccessibleName(QCoreApplication.translate("NewCaseDialog", u"Problem", None))
#endif // QT_CONFIG(accessibility)
    # retranslateUi

