from django.shortcuts import render

from yearbook.models import Edition


def home(request):
    editions = Edition.objects.filter(status=Edition.Status.PUBLISHED)
    return render(request, "yearbook/home.html", {"editions": editions})
