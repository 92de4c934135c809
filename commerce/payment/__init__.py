default_app_config = "commerce.payment.apps.PaymentConfig"
