"""Named rules of organisations: public to read; their administrators run them."""

import rules

from samskapa.core.predicates import is_admin, is_organisation_admin

rules.add_perm("organisations.view_organisation", rules.always_allow)
rules.add_perm("organisations.add_organisation", rules.is_authenticated)
rules.add_perm("organisations.change_organisation", is_organisation_admin | is_admin)
rules.add_perm("organisations.manage_members", is_organisation_admin | is_admin)
rules.add_perm("organisations.delete_organisation", is_admin)
