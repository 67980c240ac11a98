from ctypes import CDLL, POINTER, Structure, byref, c_char_p, c_int, c_void_p
from ctypes.util import find_library


class PamHandle(Structure):
    _fields_ = [("handle", c_void_p)]


libpam = CDLL(find_library("pam"))
pam_start = libpam.pam_start
pam_authenticate = libpam.pam_authenticate
pam_authenticate.restype = c_int
pam_authenticate.argtypes = [PamHandle, c_int]
pam_acct_mgmt = libpam.pam_acct_mgmt
pam_acct_mgmt.argtypes = [PamHandle, c_int]


class Pam:
    def authenticate_bad(self, username, conv, service="login"):
        handle = PamHandle()
        pam_start(service, username, byref(conv), byref(handle))
        # expect: PY-PRIV-002
        retval = pam_authenticate(handle, 0)
        return retval == 0

    def authenticate_good(self, username, conv, service="login"):
        handle = PamHandle()
        pam_start(service, username, byref(conv), byref(handle))
        # safe: PY-PRIV-002
        retval = pam_authenticate(handle, 0)
        if retval == 0:
            retval = pam_acct_mgmt(handle, 0)
        return retval == 0

    def authenticate_through_library(self, username, conv):
        handle = PamHandle()
        # expect: CWE-285
        return libpam.pam_authenticate(handle, 0) == 0


POINTERS = (POINTER, c_char_p)
