"""Forms for the clean Django views."""

from django import forms


class CommentForm(forms.Form):
    body = forms.CharField(max_length=500)

    def save(self):
        return self.cleaned_data["body"]
