"""The form editor: a form for every editable field of a case file, problems placed
next to the fields they concern, and posted forms applied back to the file."""

from leveltwo.web.editor.apply import Applied, apply_action, apply_form
from leveltwo.web.editor.build import build_form
from leveltwo.web.editor.model import EditorForm, Field, Group, place_problems

__all__ = [
    "Applied",
    "EditorForm",
    "Field",
    "Group",
    "apply_action",
    "apply_form",
    "build_form",
    "place_problems",
]
