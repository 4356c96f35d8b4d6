"""Request bodies of the API, checked by pydantic; limits keep a caller from storing megabytes."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict, Field

from .params import MAX_ID

TEXT = 2000


class Body(BaseModel):
    model_config = ConfigDict(extra="forbid")


class LoginBody(Body):
    username: str = Field(..., min_length=1, max_length=60)
    password: str = Field(..., min_length=1, max_length=1000)


class DismissBody(Body):
    reason: str = Field(..., min_length=1, max_length=TEXT, description="Why this is not a surge to follow.")


class OpenCaseFromAlertBody(Body):
    title: str | None = Field(None, max_length=300)
    assigned_unit: str | None = Field(None, max_length=200)
    priority: str = Field("normal", pattern="^(low|normal|high|urgent)$")
    due_on: date | None = None
    note: str | None = Field(None, max_length=TEXT)


class NewCaseBody(OpenCaseFromAlertBody):
    alert_id: int | None = Field(None, ge=1, le=MAX_ID)
    document_ids: list[int] = Field(default_factory=list, max_length=500)
    concern: str | None = Field(None, max_length=40)
    place: str | None = Field(None, max_length=200)


class CaseUpdateBody(Body):
    status: str | None = Field(None, pattern="^(open|in_progress|answered|resolved|closed)$")
    assigned_unit: str | None = Field(None, max_length=200)
    priority: str | None = Field(None, pattern="^(low|normal|high|urgent)$")
    due_on: date | None = None
    note: str | None = Field(None, max_length=TEXT)
    add_documents: list[int] = Field(default_factory=list, max_length=500)


class TokenBody(Body):
    name: str = Field(..., min_length=1, max_length=100)


class NewUserBody(Body):
    username: str = Field(..., min_length=1, max_length=60)
    password: str = Field(..., min_length=10, max_length=1000)
    role: str = Field(..., pattern="^(viewer|analyst|case_officer|editor|admin)$")


class UserUpdateBody(Body):
    role: str | None = Field(None, pattern="^(viewer|analyst|case_officer|editor|admin)$")
    disabled: bool | None = None
