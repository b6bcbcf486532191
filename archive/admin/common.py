from django.db import models

# Django 6's default for URL form fields, adopted now (and silencing 5.2's warning).
URL_FIELDS_ASSUME_HTTPS = {models.URLField: {"assume_scheme": "https"}}
