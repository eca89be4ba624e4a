"""The API's blueprints and what they share: the error envelope, request bodies, the analysis run."""
