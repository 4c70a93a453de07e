"""Forms of organizations and Party groups; validation of meaning lives in orgs.services."""

from __future__ import annotations

from django import forms

from pingxing.orgs.models import Organization, PartyGroup


class OrganizationForm(forms.ModelForm):
    class Meta:
        model = Organization
        fields = ["code", "name", "kind", "form", "secretary_name"]

    def __init__(self, *args, level: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if level != "organization":
            del self.fields["kind"]
            del self.fields["form"]
        else:
            self.fields["kind"].required = True
            self.fields["form"].required = True


class PartyGroupForm(forms.ModelForm):
    class Meta:
        model = PartyGroup
        fields = ["name", "basis", "leader_name"]

    def validate_unique(self) -> None:
        # The service checks the name per organization with a message naming it.
        pass
