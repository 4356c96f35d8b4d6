"""schemathesis over the OpenAPI document, on a copy of the demo workspace, as an admin.

Every operation gets generated requests, valid and not; none may answer 5xx, every status
must be one the document declares, and every body must match its declared schema (the
one error shape included).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis import checks

from duluan.accounts import create_api_token, create_user
from duluan.web import create_app
from web_clone import clone_workspace

pytestmark = pytest.mark.slow

CHECKS = [
    checks.not_a_server_error,
    checks.status_code_conformance,
    checks.content_type_conformance,
    checks.response_schema_conformance,
]
_token: dict[str, str] = {}


@pytest.fixture(scope="module")
def api_schema(demo_workspace: Any, tmp_path_factory: pytest.TempPathFactory) -> Any:
    ws = clone_workspace(demo_workspace, Path(tmp_path_factory.mktemp("schema")) / "ws")
    user = create_user(ws.engine, "schema-admin", "mật-khẩu-rất-dài", "admin")
    _token["admin"] = create_api_token(ws.engine, user, "schemathesis")[0]
    return schemathesis.openapi.from_asgi("/api/v1/openapi.json", create_app(ws))


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_conforms_to_its_openapi_document(case: Any) -> None:
    case.call_and_validate(headers={"Authorization": f"Bearer {_token['admin']}"}, checks=CHECKS)
