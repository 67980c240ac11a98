"""Models for the blog fixture (only what the views import)."""

from django.db import models


class Article(models.Model):
    title = models.CharField(max_length=200)
    body = models.TextField()

    def get_absolute_url(self):
        return f"/article/{self.pk}/"
