from django.apps import AppConfig


class YearbookConfig(AppConfig):
    name = "yearbook"
    verbose_name = "年鉴"
