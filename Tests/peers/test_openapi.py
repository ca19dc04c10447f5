"""The served OpenAPI document is a valid OpenAPI 3.1 document (openapi-spec-validator)."""
import requests
from openapi_spec_validator import validate
from openapi_spec_validator.versions import consts, get_spec_version


def test_openapi_document_is_valid_3_1(demo):
    spec = requests.get(demo.url + "/api/v1/openapi.json", timeout=10).json()
    assert get_spec_version(spec) == consts.OPENAPIV31
    validate(spec)  # raises with the path of the first error
    assert "/api/v1/indicators" in spec["paths"]
    assert spec["paths"]["/api/v1/audit"]["get"]["security"], "non-public routes declare their security"
