from django.urls import path

from symbiose.search.views import search, watches

app_name = "search"
urlpatterns = [
    path("search/", search.search, name="search"),
    path("search/export.<str:fmt>", search.export, name="export"),
    path("search/saved/", search.saved_list, name="saved"),
    path("search/saved/new/", search.saved_save, name="saved_new"),
    path("search/saved/<int:pk>/delete/", search.saved_delete, name="saved_delete"),
    path("watches/", watches.watches, name="watches"),
    path("watches/new/", watches.watch_new, name="watch_new"),
    path("watches/<int:pk>/delete/", watches.watch_delete, name="watch_delete"),
    path("watches/read/", watches.mark_read, name="mark_read"),
]
