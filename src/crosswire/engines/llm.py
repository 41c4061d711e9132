"""The optional LLM endpoint: any OpenAI-compatible ``POST {url}/chat/completions``.

This is I/O, so it lives with the engines; the summarize stage only receives the client as the
optional ``llm_chat`` artefact and verifies every sentence it returns.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass

from ..settings import SummarizeSettings


@dataclass(frozen=True)
class LLMConfig:
    url: str
    model: str
    key: str
    timeout: float


def llm_config(settings: SummarizeSettings) -> LLMConfig | None:
    """URL, model and key from settings, else ``CROSSWIRE_LLM_URL/MODEL/KEY``; ``None`` when off."""
    if not settings.llm_enabled:
        return None
    url = settings.llm_url or os.environ.get("CROSSWIRE_LLM_URL")
    if not url:
        return None
    model = settings.llm_model or os.environ.get("CROSSWIRE_LLM_MODEL") or "default"
    key = settings.llm_key or os.environ.get("CROSSWIRE_LLM_KEY") or ""
    return LLMConfig(url.rstrip("/"), model, key, settings.llm_timeout)


class ChatCompletions:
    """``POST {url}/chat/completions`` with the stdlib; returns the first choice's content."""

    def __init__(self, config: LLMConfig) -> None:
        self.config = config

    def __call__(self, messages: list[dict]) -> str:
        import urllib.request

        body = json.dumps({"model": self.config.model, "messages": messages, "temperature": 0}).encode()
        headers = {"Content-Type": "application/json"}
        if self.config.key:
            headers["Authorization"] = f"Bearer {self.config.key}"
        request = urllib.request.Request(f"{self.config.url}/chat/completions", body, headers, method="POST")
        with urllib.request.urlopen(request, timeout=self.config.timeout) as response:
            answer = json.loads(response.read().decode("utf-8"))
        return answer["choices"][0]["message"]["content"]
