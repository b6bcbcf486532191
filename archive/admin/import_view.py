"""The admin's "Import from text" page: paste, preview what was parsed, confirm."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views import View

from archive.admin.forms import ImportForm
from archive.admin.import_sources import SourceProblem, check_utf8, resolve_source
from archive.admin.preview import top_lines
from archive.core.parser import ParseError
from archive.models import ImportJob
from archive.services.import_jobs import job_options, queue_again, queue_import, stop_if_worker_lost
from archive.services.importer import import_source, parse, parse_with_furniture, planned_action
from archive.services.tagging import build_tagger, preview_tags

TEMPLATE = "admin/archive/article/import_form.html"


class ImportFromTextView(View):
    model_admin = None

    def dispatch(self, request, *args, **kwargs):
        if not self.model_admin.has_add_permission(request):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        return self.render(request, ImportForm())

    def post(self, request):
        # A paste over DATA_UPLOAD_MAX_MEMORY_SIZE never gets here: archive.errors answers it.
        try:
            check_utf8(request)
            data, notes = resolve_source(request.POST, request.FILES)
        except SourceProblem as problem:
            return self.render(request, ImportForm(), error=str(problem))
        form = ImportForm(data)
        if not form.is_valid():
            return self.render(request, form)
        try:
            if "confirm" in data:
                return self.confirm(request, form)
            return self.preview(request, form, notes)
        except ParseError as error:
            return self.render(request, form, error=f"{error} Nothing was written.")

    def preview(self, request, form, notes=()):
        text, metadata, posts = form.cleaned_data["text"], form.metadata(), form.posts()
        parsed, furniture = parse_with_furniture(
            text, metadata, listing=form.is_listing(), posts=posts, marked_furniture=form.marked_furniture()
        )
        tagger = build_tagger()
        pieces = []
        for index, piece in enumerate(parsed.pieces):
            piece_metadata = posts[index].merged_with(metadata) if posts else metadata
            organisations, terms = preview_tags(
                tagger, "\n\n".join([piece.title or "", piece.standfirst, piece.body_text])
            )
            plan = planned_action(piece, piece_metadata)
            pieces.append(
                {
                    "piece": piece,
                    "organisations": organisations,
                    "terms": terms,
                    "plan": plan,
                    "action": plan.action,
                    "existing": plan.existing,
                    "needs_title": not (piece.title or piece_metadata.title or plan.existing),
                    "metadata": piece_metadata,
                }
            )
        lines = [] if parsed.is_listing else top_lines(text, parsed.pieces[0], parsed.furniture_removed)
        return self.render(
            request,
            form,
            parsed=parsed,
            pieces=pieces,
            top_lines=lines,
            learned_furniture=furniture.learned,
            source_notes=notes,
            marked=set(form.marked_furniture()),
        )

    def confirm(self, request, form):
        text, metadata = form.cleaned_data["text"], form.metadata()
        listing, posts, marked = form.is_listing(), form.posts(), form.marked_furniture()
        if len(text) > settings.IMPORT_BACKGROUND_CHARS:
            # A bad paste is refused now, not later by the worker.
            parse(text, metadata, listing=listing, posts=posts, marked_furniture=marked)
            job = queue_import(text, job_options(metadata, listing, posts, marked), request.user)
            return redirect(reverse("admin:archive_article_import_job", args=[job.pk]))
        report = import_source(text, metadata, listing=listing, posts=posts, marked_furniture=marked)
        for outcome in report.outcomes:
            level = messages.INFO if outcome.action == "unchanged" else messages.SUCCESS
            messages.add_message(request, level, outcome.describe())
            for warning in outcome.warnings:
                messages.warning(request, f"“{outcome.article.title}”: {warning}")
        if len(report.outcomes) == 1:
            return redirect(reverse("admin:archive_article_change", args=[report.outcomes[0].article.pk]))
        return redirect(reverse("admin:archive_article_changelist"))

    def render(self, request, form, **context):
        opts = self.model_admin.model._meta
        return TemplateResponse(
            request,
            TEMPLATE,
            {
                **self.model_admin.admin_site.each_context(request),
                "opts": opts,
                "title": "Import from text",
                "form": form,
                **context,
            },
        )


class ImportJobView(View):
    """A background import's progress, then its result (the page refreshes itself until done); a
    job whose worker went away is shown stopped, with a button that queues it again (POST)."""

    model_admin = None

    def dispatch(self, request, *args, **kwargs):
        if not self.model_admin.has_add_permission(request):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def post(self, request, pk):
        job = get_object_or_404(ImportJob.objects.defer("text"), pk=pk)
        if queue_again(job):
            messages.info(request, f"Import {job.pk} is queued again.")
        else:
            messages.warning(request, f"Import {job.pk} was not stopped, so it was not queued again.")
        return redirect(reverse("admin:archive_article_import_job", args=[job.pk]))

    def get(self, request, pk):
        job = stop_if_worker_lost(get_object_or_404(ImportJob.objects.defer("text"), pk=pk))
        return TemplateResponse(
            request,
            "admin/archive/article/import_job.html",
            {
                **self.model_admin.admin_site.each_context(request),
                "opts": self.model_admin.model._meta,
                "title": f"Import {job.pk}: {job.get_status_display()}",
                "job": job,
            },
        )
