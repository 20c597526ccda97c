import GatewayService

GatewayService.run()
