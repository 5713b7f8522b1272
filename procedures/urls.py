from django.urls import path

from procedures import views

urlpatterns = [
    path(
        "patient-photos/<int:pair_id>/<str:side>-<int:width>.jpg",
        views.photo,
        name="patient_photo",
    ),
]
