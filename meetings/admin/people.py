"""Bodies, people, their seats and what each body plans to consider, in the admin."""

from django.contrib import admin
from django.db.models import Count

from meetings.admin.common import CurrentMembershipFilter, body_filter
from meetings.forms import (
    PersonAliasFormSet,
)
from meetings.models import (
    Body,
    Membership,
    Person,
    PersonAlias,
    WorkProgrammeEntry,
    normalise_name,
)
from panel.admin import CheckedSelectionMixin


@admin.register(Body)
class BodyAdmin(CheckedSelectionMixin, admin.ModelAdmin):
    list_display = ["name", "short_name", "kind", "is_active", "meeting_count"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "short_name"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(meeting_total=Count("meetings"))

    @admin.display(description="Meetings", ordering="meeting_total")
    def meeting_count(self, body):
        return body.meeting_total


class PersonAliasInline(admin.TabularInline):
    model = PersonAlias
    formset = PersonAliasFormSet
    fields = ["name"]
    extra = 1


@admin.register(Person)
class PersonAdmin(CheckedSelectionMixin, admin.ModelAdmin):
    list_display = ["name", "honorific", "post_nominals", "other_spellings", "email", "has_login"]
    list_filter = [("memberships__body", admin.RelatedOnlyFieldListFilter)]
    # Both hold normalised names (lower case, no dots or accents): see get_search_results.
    search_fields = ["search_name", "aliases__normalised"]
    search_help_text = (
        "Any spelling the papers use, e.g. \u201cCllr. M. Sood\u201d or \u201cAlnatt\u201d."
    )
    prepopulated_fields = {"slug": ["given_name", "family_name"]}
    autocomplete_fields = ["user"]
    fieldsets = [
        (None, {"fields": ["honorific", "given_name", "family_name", "post_nominals", "slug"]}),
        ("Contact and log-in", {"fields": ["email", "user"]}),
    ]
    inlines = [PersonAliasInline]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("user").prefetch_related("aliases")

    def get_search_results(self, request, queryset, search_term):
        # The papers spell one person many ways ("Cllr. M. Sood", "Councillor Sood"): match
        # the term's normalised words against the name and every other spelling.
        return super().get_search_results(request, queryset, normalise_name(search_term))

    @admin.display(description="Other spellings")
    def other_spellings(self, person):
        return "; ".join(alias.name for alias in person.aliases.all())

    @admin.display(description="Log-in", boolean=True)
    def has_login(self, person):
        return person.user_id is not None


@admin.register(Membership)
class MembershipAdmin(CheckedSelectionMixin, admin.ModelAdmin):
    list_display = ["person", "role", "body", "title", "council", "party", "start_date", "end_date"]
    list_filter = [body_filter("body"), "role", CurrentMembershipFilter]
    search_fields = [
        "person__search_name",
        "person__aliases__normalised",
        "title",
        "council",
        "party",
    ]
    list_select_related = ["person", "body"]
    autocomplete_fields = ["person", "body"]
    date_hierarchy = "start_date"


@admin.register(WorkProgrammeEntry)
class WorkProgrammeEntryAdmin(CheckedSelectionMixin, admin.ModelAdmin):
    list_display = ["title", "body", "meeting", "kind", "status", "order"]
    list_filter = [body_filter("body"), "kind", "status"]
    search_fields = ["title", "comments"]
    list_select_related = ["body", "meeting__body"]
    autocomplete_fields = ["body", "meeting"]
