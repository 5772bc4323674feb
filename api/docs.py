"""The OpenAPI description turned into what the documentation page lists, endpoint by endpoint."""

METHODS = ("get",)


def _type(schema, components):
    """A short type: ``string``, ``integer``, ``string (date)``, ``array of Partner``…"""
    if "$ref" in schema:
        return schema["$ref"].rsplit("/", 1)[-1]
    if "allOf" in schema:
        return " ".join(_type(part, components) for part in schema["allOf"])
    if "oneOf" in schema:
        return " | ".join(_type(part, components) for part in schema["oneOf"])
    kind = schema.get("type", "")
    if kind == "array":
        return f"array<{_type(schema.get('items', {}), components)}>"
    if schema.get("format"):
        kind = f"{kind} ({schema['format']})"
    return kind


def _resolve(schema, components):
    while "$ref" in schema:
        schema = components.get(schema["$ref"].rsplit("/", 1)[-1], {})
    return schema


def _fields(schema, components):
    schema = _resolve(schema, components)
    required = set(schema.get("required", ()))
    return [
        {
            "name": name,
            "type": _type(field, components),
            "description": field.get("description", "") or field.get("title", ""),
            "enum": _resolve(field, components).get("enum", ()),
            "required": name in required,
            "nullable": field.get("nullable", False),
        }
        for name, field in schema.get("properties", {}).items()
    ]


def _item_schema(response_schema, components):
    """The schema of one record of a (paginated) list, or of the record itself."""
    schema = _resolve(response_schema, components)
    results = schema.get("properties", {}).get("results")
    if results is not None:
        return results.get("items", {})
    return response_schema


def describe(schema):
    """``{"title", "version", "description", "endpoints": [...], "schemas": [...]}``."""
    components = schema.get("components", {}).get("schemas", {})
    endpoints = []
    for path, operations in schema.get("paths", {}).items():
        for method in METHODS:
            operation = operations.get(method)
            if operation is None:
                continue
            response = operation.get("responses", {}).get("200", {})
            body = response.get("content", {}).get("application/json", {}).get("schema", {})
            item = _item_schema(body, components)
            endpoints.append(
                {
                    "id": operation.get("operationId", ""),
                    "method": method.upper(),
                    "path": path,
                    "summary": operation.get("summary", ""),
                    "description": operation.get("description", ""),
                    "paginated": item is not body,
                    "record": _type(item, components),
                    "parameters": [
                        {
                            "name": parameter["name"],
                            "in": parameter.get("in", ""),
                            "required": parameter.get("required", False),
                            "type": _type(parameter.get("schema", {}), components),
                            "enum": parameter.get("schema", {}).get("enum", ()),
                            "description": parameter.get("description", ""),
                        }
                        for parameter in operation.get("parameters", ())
                    ],
                }
            )
    return {
        "title": schema.get("info", {}).get("title", ""),
        "version": schema.get("info", {}).get("version", ""),
        "description": schema.get("info", {}).get("description", ""),
        "endpoints": endpoints,
        "schemas": [
            {"name": name, "fields": _fields(component, components)}
            for name, component in sorted(components.items())
            if component.get("type") == "object" and not name.startswith("Paginated")
        ],
    }
