import oscar.apps.order.apps as apps


class OrderConfig(apps.OrderConfig):
    """Oscar's order app, forked: invalid orders are kept but never counted (`models.py`,
    migrations 0022 and 0023 after Oscar's own), and Oscar's order creator and "Orders
    placed" report, which Oscar loads with get_class from the app labelled `order`, refuse
    to place an order (`utils.py`) and count sales only (`reports.py`)."""

    name = "commerce.order"
