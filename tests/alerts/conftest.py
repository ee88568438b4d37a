from retries.helpers import sandbox_runtime

__all__ = ["sandbox_runtime"]
