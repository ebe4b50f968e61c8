import Hummingbird
import OpenAPIHummingbird
import JWTKit
import ServiceLifecycle
import Metrics
import Prometheus
import EdulinkAPI
