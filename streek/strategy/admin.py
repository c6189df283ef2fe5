"""Admin for the strategy app: functional, for platform admins. Officers work in the /beleid/ pages."""

from django.contrib import admin

from .models import AmoreScore, GoalPartner, GoalResource, GoalVersion, Measure, Milestone, PolicyGoal, YearlyReport


class AmoreScoreInline(admin.TabularInline):
    model = AmoreScore
    extra = 0


class GoalPartnerInline(admin.TabularInline):
    model = GoalPartner
    extra = 0
    raw_id_fields = ("organisation", "municipality")


class GoalResourceInline(admin.TabularInline):
    model = GoalResource
    extra = 0


class MilestoneInline(admin.TabularInline):
    model = Milestone
    extra = 0


class MeasureInline(admin.TabularInline):
    model = Measure
    extra = 0


@admin.register(PolicyGoal)
class PolicyGoalAdmin(admin.ModelAdmin):
    list_display = ("title", "theme", "status", "version", "published_at")
    list_filter = ("status", "theme")
    search_fields = ("title", "statement")
    raw_id_fields = ("custom_region", "copied_from", "created_by")
    filter_horizontal = ("municipalities",)
    inlines = (AmoreScoreInline, GoalPartnerInline, GoalResourceInline, MilestoneInline, MeasureInline)


@admin.register(GoalVersion)
class GoalVersionAdmin(admin.ModelAdmin):
    list_display = ("goal", "number", "created_at", "created_by")
    raw_id_fields = ("goal", "created_by")
    readonly_fields = ("goal", "number", "snapshot", "summary", "created_by", "created_at")


@admin.register(YearlyReport)
class YearlyReportAdmin(admin.ModelAdmin):
    list_display = ("area_slug", "year", "status", "progress", "finished_at")
    list_filter = ("status", "year")
    search_fields = ("area_slug",)
    raw_id_fields = ("requested_by",)
