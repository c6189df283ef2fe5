from django.urls import URLPattern, URLResolver, path

from . import goal_views, item_views, library_views

urlpatterns: list[URLPattern | URLResolver] = [
    path("", goal_views.my_goals, name="strategy_mine"),
    path("nieuw/", goal_views.goal_create_view, name="strategy_create"),
    path("bibliotheek/", library_views.library, name="strategy_library"),
    path("<int:goal_id>/", library_views.goal_detail, name="strategy_goal"),
    path("<int:goal_id>/versies/", library_views.version_list, name="strategy_versions"),
    path("<int:goal_id>/versies/<int:number>/", library_views.version_detail, name="strategy_version"),
    path("<int:goal_id>/werkruimte/", goal_views.workspace, name="strategy_workspace"),
    path(
        "<int:goal_id>/werkruimte/<str:section>/",
        goal_views.goal_section,
        name="strategy_section",
    ),
    path("<int:goal_id>/publiceren/", goal_views.goal_publish_view, name="strategy_publish"),
    path("<int:goal_id>/archiveren/", goal_views.goal_archive_view, name="strategy_archive"),
    path("<int:goal_id>/kopie/", goal_views.goal_copy_view, name="strategy_copy"),
    path("<int:goal_id>/amore/", item_views.amore_save, name="strategy_amore"),
    path("<int:goal_id>/partners/", item_views.partner_add_view, name="strategy_partner_add"),
    path("<int:goal_id>/middelen/", item_views.resource_add_view, name="strategy_resource_add"),
    path("<int:goal_id>/mijlpalen/", item_views.milestone_add_view, name="strategy_milestone_add"),
    path("<int:goal_id>/mijlpalen/<int:item_id>/klaar/", item_views.milestone_done, name="strategy_milestone_done"),
    path("<int:goal_id>/maatregelen/", item_views.measure_add_view, name="strategy_measure_add"),
    path("<int:goal_id>/maatregelen/<int:item_id>/", item_views.measure_edit, name="strategy_measure_edit"),
    path(
        "<int:goal_id>/<str:item>/<int:item_id>/verwijderen/",
        item_views.item_remove,
        name="strategy_item_remove",
    ),
]
