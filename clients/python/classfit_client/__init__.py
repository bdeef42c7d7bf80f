"""classfit_client: bring a PyTorch network's activations to classfit and read its findings back, with numpy.

    from classfit_client import export_activations, Client
    export_activations(model, train_loader, out="acts/my-resnet18")           # authors' layout, streamed to disk
    cf = Client("http://127.0.0.1:4000/graphql")
    cf.wait(cf.start_analysis(cf.upload_model("acts/my-resnet18", "my-resnet18")))

Depends on numpy only; torch is imported by `export_activations` when it is called, pandas only for `as_frame=True`.
"""
from .client import Client
from .errors import (AnalysisFailedError, ClassfitError, GraphQLError, NotFoundError, TransportError,
                     UploadUnavailableError, UserInputError)
from .export import DEFAULT_STAGES, export_activations
from .npy_stream import NpyAppender
from .wire import decode_array, encode_array

__version__ = "0.1.0"
__all__ = ["Client", "export_activations", "DEFAULT_STAGES", "NpyAppender", "encode_array", "decode_array",
           "ClassfitError", "GraphQLError", "NotFoundError", "TransportError", "UserInputError",
           "UploadUnavailableError", "AnalysisFailedError"]
