import oscar.apps.partner.apps as apps


class PartnerConfig(apps.PartnerConfig):
    """Oscar's partner app, forked for one module: `strategy.py`, the pricing strategy that
    sells nothing (Oscar's basket middleware and checkout load `partner.strategy.Selector`
    with get_class, which looks in the app installed under the label `partner`). Its models,
    admin and migrations are Oscar's own (MIGRATION_MODULES in config/settings/base.py)."""

    name = "commerce.partner"
