//! A child's series of finalised assessments -> change, sustained improvement, drift, disagreement.
