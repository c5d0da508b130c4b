// The PolicyMirrorDescent module.
