from .base import Precision, Provenance
from .edition import (Category, Correction, Edition, EditorialBoardMember, Entry, HonoraryTitle, KeyFigure,
                      Section)
from .honours import Honour
from .people import Appointment, Organization, OrganizationAlias, Person, Roster

__all__ = [
    "Precision", "Provenance", "Edition", "EditorialBoardMember", "HonoraryTitle", "KeyFigure", "Category",
    "Section", "Entry", "Correction", "Honour", "Organization", "OrganizationAlias", "Person", "Roster",
    "Appointment",
]
