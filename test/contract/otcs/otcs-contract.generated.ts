// GENERATED FILE — DO NOT EDIT.
// Derived by scripts/derive-otcs-contract.ts from OpenText's official OpenAPI documents:
//   - content-server-rest-api-2.0.2.yaml
//   - opentext-business-workspaces-rest-api-v1-and-v2.yaml
//   - opentext-records-management-26.1.json
// Only derived facts are kept (paths, methods, parameters, body fields, response schemas);
// descriptions, summaries, examples and other prose are stripped, $refs are inlined.
// Regenerate: npx tsx scripts/derive-otcs-contract.ts [path-to-shared-reference-opentext]

import type { OtcsContract } from './contract-types.js';

export const OTCS_CONTRACT: OtcsContract = {
 "generatedFrom": [
  "content-server-rest-api-2.0.2.yaml",
  "opentext-business-workspaces-rest-api-v1-and-v2.yaml",
  "opentext-records-management-26.1.json"
 ],
 "missing": [
  "PUT /api/v2/businessworkspaces/{id}/workspacereferences",
  "DELETE /api/v2/businessworkspaces/{id}/workspacereferences",
  "GET /api/v2/externalsystems/{ext_system_id}/botypes/{bo_type}/boids/{bo_id}"
 ],
 "operations": [
  {
   "key": "DELETE /api/v1/auth",
   "method": "DELETE",
   "path": "/api/v1/auth",
   "source": {
    "document": "content-server",
    "path": "/v1/auth",
    "operationId": "DeleteCurrentUserSession"
   },
   "parameters": [],
   "responses": {
    "200": {
     "contentTypes": [
      "application/json"
     ],
     "schema": {
      "type": "object"
     }
    },
    "400": {
     "contentTypes": []
    },
    "401": {
     "contentTypes": []
    },
    "500": {
     "contentTypes": []
    }
   }
  },
  {
   "key": "GET /api/v1/auth",
   "method": "GET",
   "path": "/api/v1/auth",
   "source": {
    "document": "content-server",
    "path": "/v1/auth",
    "operationId": "GetCurrentUserInfo"
   },
   "parameters": [
    {
     "name": "expand",
     "in": "query",
     "required": false,
     "schema": {
      "type": "string"
     }
    },
    {
     "name": "expand_fields",
     "in": "query",
     "required": false,
     "schema": {
      "type": "string"
     }
    },
    {
     "name": "fields",
     "in": "query",
     "required": false,
     "schema": {
      "type": "string"
     }
    },
    {
     "name": "perspective",
     "in": "query",
     "required": false,
     "schema": {
      "type": "boolean"
     }
    },
    {
     "name": "suppress_response_codes",
     "in": "query",
     "required": false,
     "schema": {
      "nullable": true,
      "type": "string"
     }
    }
   ],
   "responses": {
    "200": {
     "contentTypes": [
      "application/json"
     ],
     "schema": {
      "properties": {
       "data": {
        "properties": {
         "birth_date": {
          "type": "string"
         },
         "business_email": {
          "type": "string"
         },
         "business_fax": {
          "type": "string"
         },
         "business_phone": {
          "type": "string"
         },
         "cell_phone": {
          "type": "string"
         },
         "deleted": {
          "type": "boolean"
         },
         "display_language": {
          "type": "string"
         },
         "display_name": {
          "type": "string"
         },
         "first_name": {
          "type": "string"
         },
         "gender": {
          "type": "integer"
         },
         "group_id": {
          "type": "integer"
         },
         "home_address_1": {
          "type": "string"
         },
         "home_address_2": {
          "type": "string"
         },
         "home_fax": {
          "type": "string"
         },
         "home_phone": {
          "type": "string"
         },
         "id": {
          "type": "integer"
         },
         "initials": {
          "type": "string"
         },
         "last_name": {
          "type": "string"
         },
         "middle_name": {
          "type": "string"
         },
         "name": {
          "type": "string"
         },
         "notes": {
          "type": "string"
         },
         "office_location": {
          "type": "string"
         },
         "pager": {
          "type": "string"
         },
         "personal_email": {
          "type": "string"
         },
         "personal_interests": {
          "type": "string"
         },
         "personal_url_1": {
          "type": "string"
         },
         "personal_url_2": {
          "type": "string"
         },
         "personal_url_3": {
          "type": "string"
         },
         "personal_website": {
          "type": "string"
         },
         "photo_id": {
          "type": "string"
         },
         "photo_url": {
          "type": "string"
         },
         "privilege_content_manager": {
          "type": "boolean"
         },
         "privilege_grant_discovery": {
          "type": "boolean"
         },
         "privilege_login": {
          "type": "boolean"
         },
         "privilege_modify_groups": {
          "type": "boolean"
         },
         "privilege_modify_users": {
          "type": "boolean"
         },
         "privilege_public_access": {
          "type": "boolean"
         },
         "privilege_system_admin_rights": {
          "type": "boolean"
         },
         "privilege_user_admin_rights": {
          "type": "boolean"
         },
         "proxy_proxy_user_id": {
          "type": "integer"
         },
         "time_zone": {
          "type": "integer"
         },
         "title": {
          "type": "string"
         },
         "transactional": {
          "type": "boolean"
         },
         "type": {
          "type": "integer"
         },
         "type_name": {
          "type": "string"
         }
        },
        "type": "object"
       }
      },
      "type": "object"
     }
    },
    "400": {
     "contentTypes": []
    },
    "401": {
     "contentTypes": []
    }
   }
  },
  {
   "key": "POST /api/v1/auth",
   "method": "POST",
   "path": "/api/v1/auth",
   "source": {
    "document": "content-server",
    "path": "/v1/auth",
    "operationId": "authenticate"
   },
   "parameters": [],
   "requestBody": {
    "required": false,
    "content": {
     "application/x-www-form-urlencoded": {
      "properties": {
       "domain": {
        "type": "string"
       },
       "password": {
        "format": "password",
        "type": "string"
       },
       "username": {
        "type": "string"
       }
      },
      "required": [
       "username",
       "password"
      ],
      "type": "object"
     }
    }
   },
   "responses": {
    "200": {
     "contentTypes": [
      "application/json"
     ],
     "schema": {
      "properties": {
       "ticket": {
        "type": "string"
       }
      },
      "type": "object"
     }
    },
    "400": {
     "contentTypes": []
    },
    "401": {
     "contentTypes": []
    },
    "500": {
     "contentTypes": []
    }
   }
  },
  {
   "key": "POST /api/v1/holds",
   "method": "POST",
   "path": "/api/v1/holds",
   "source": {
    "document": "records-management",
    "path": "/v1/holds",
    "operationId": "CreateHold"
   },
   "parameters": [
    {
     "name": "alternate_id",
     "in": "query",
     "required": false,
     "schema": {
      "type": "string"
     }
    },
    {
     "name": "comment",
     "in": "query",
     "required": false,
     "schema": {
      "type": "string"
     }
    },
    {
     "name": "date_applied",
     "in": "query",
     "required": true,
     "schema": {
      "format": "date",
      "type": "string"
     }
    },
    {
     "name": "date_to_remove",
     "in": "query",
     "required": false,
     "schema": {
      "format": "date",
      "type": "string"
     }
    },
    {
     "name": "name",
     "in": "query",
     "required": true,
     "schema": {
      "type": "string"
     }
    },
    {
     "name": "parent_id",
     "in": "query",
     "required": false,
     "schema": {
      "type": "integer"
     }
    },
    {
     "name": "type",
     "in": "query",
     "required": true,
     "schema": {
      "type": "string"
     }
    }
   ],
   "responses": {
    "400": {
     "contentTypes": []
    }
   }
  },
  {
   "key": "GET /api/v1/nodes/{id}/classifications",
   "method": "GET",
   "path": "/api/v1/nodes/{id}/classifications",
   "source": {
    "document": "records-management",
    "path": "/v1/nodes/{id}/classifications",
    "operationId": "getClassifications"
   },
   "parameters": [
    {
     "name": "id",
     "in": "path",
     "required": true,
     "schema": {
      "type": "string"
     }
    }
   ],
   "responses": {
    "200": {
     "contentTypes": [
      "application/json"
     ],
     "schema": {
      "properties": {
       "data": {
        "items": {
         "properties": {
          "classvolumeid": {
           "type": "integer"
          },
          "id": {
           "type": "integer"
          },
          "inherit_flag": {
           "type": "boolean"
          },
          "management_type": {
           "type": "string"
          },
          "name": {
           "type": "string"
          },
          "parent_managed": {
           "type": "boolean"
          },
          "score": {
           "type": "integer"
          },
          "selectable": {
           "type": "boolean"
          },
          "type": {
           "type": "integer"
          }
         }
        },
        "type": "array"
       },
       "definitions": {},
       "definitions_map": {},
       "definitions_order": {}
      },
      "type": "object"
     }
    },
    "400": {
     "contentTypes": []
    }
   }
  },
  {
   "key": "POST /api/v1/nodes/{id}/classifications",
   "method": "POST",
   "path": "/api/v1/nodes/{id}/classifications",
   "source": {
    "document": "records-management",
    "path": "/v1/nodes/{id}/classifications",
    "operationId": "AddClassifications"
   },
   "parameters": [
    {
     "name": "id",
     "in": "path",
     "required": true,
     "schema": {
      "type": "integer"
     }
    }
   ],
   "requestBody": {
    "required": false,
    "content": {
     "application/x-www-form-urlencoded": {
      "properties": {
       "class_id": {
        "items": {
         "type": "integer"
        },
        "type": "array"
       }
      },
      "type": "object"
     }
    }
   },
   "responses": {
    "200": {
     "contentTypes": []
    },
    "400": {
     "contentTypes": []
    }
   }
  },
  {
   "key": "GET /api/v1/nodes/{id}/holds",
   "method": "GET",
   "path": "/api/v1/nodes/{id}/holds",
   "source": {
    "document": "records-management",
    "path": "/v1/nodes/{id}/holds",
    "operationId": "getHoldsForDoc"
   },
   "parameters": [
    {
     "name": "id",
     "in": "path",
     "required": true,
     "schema": {
      "type": "integer"
     }
    }
   ],
   "responses": {
    "200": {
     "contentTypes": [
      "application/json"
     ],
     "schema": {
      "properties": {
       "data": {
        "items": {
         "properties": {
          "active": {
           "type": "boolean"
          },
          "applied_by": {
           "type": "string"
          },
          "date_applied": {
           "format": "date",
           "type": "string"
          },
          "docxreftyp": {
           "type": "string"
          },
          "hold_appliedmethod": {
           "type": "string"
          },
          "hold_comment": {
           "type": "string"
          },
          "hold_id": {
           "type": "integer"
          },
          "hold_name": {
           "type": "string"
          },
          "hold_type": {
           "type": "string"
          },
          "id": {
           "type": "integer"
          },
          "name": {
           "type": "string"
          },
          "parent_id": {
           "type": "integer"
          },
          "queryid": {
           "type": "integer"
          },
          "removable": {
           "type": "boolean"
          },
          "subtype": {
           "type": "integer"
          },
          "userid": {
           "type": "integer"
          }
         }
        },
        "type": "array"
       },
       "definitions": {}
      },
      "type": "object"
     }
    },
    "400": {
     "contentTypes": []
    }
   }
  },
  {
   "key": "POST /api/v1/nodes/{id}/holds",
   "method": "POST",
   "path": "/api/v1/nodes/{id}/holds",
   "source": {
    "document": "records-management",
    "path": "/v1/nodes/{id}/holds",
    "operationId": "applyHold"
   },
   "parameters": [
    {
     "name": "id",
     "in": "path",
     "required": true,
     "schema": {
      "type": "integer"
     }
    },
    {
     "name": "hold_id",
     "in": "query",
     "required": true,
     "schema": {
      "type": "integer"
     }
    }
   ],
   "responses": {
    "200": {
     "contentTypes": []
    },
    "400": {
     "contentTypes": []
    }
   }
  },
  {
   "key": "DELETE /api/v1/nodes/{id}/holds/{hold_id}",
   "method": "DELETE",
   "path": "/api/v1/nodes/{id}/holds/{hold_id}",
   "source": {
    "document": "records-management",
    "path": "/v1/nodes/{id}/holds/{hold_id}",
    "operationId": "removeHold"
   },
   "parameters": [
    {
     "name": "hold_id",
     "in": "path",
     "required": true,
     "schema": {
      "type": "integer"
     }
    },
    {
     "name": "id",
     "in": "path",
     "required": true,
     "schema": {
      "type": "integer"
     }
    },
    {
     "name": "docxreftyp",
     "in": "query",
     "required": false,
     "schema": {
      "type": "string"
     }
    },
    {
     "name": "queryID",
     "in": "query",
     "required": false,
     "schema": {
      "type": "integer"
     }
    },
    {
     "name": "userID",
     "in": "query",
     "required": false,
     "schema": {
      "type": "integer"
     }
    }
   ],
   "responses": {
    "200": {
     "contentTypes": []
    },
    "400": {
     "contentTypes": []
    }
   }
  },
  {
   "key": "GET /api/v1/nodes/{id}/rmclassifications",
   "method": "GET",
   "path": "/api/v1/nodes/{id}/rmclassifications",
   "source": {
    "document": "records-management",
    "path": "/v1/nodes/{id}/rmclassifications",
    "operationId": "getRMClassifications"
   },
   "parameters": [
    {
     "name": "id",
     "in": "path",
     "required": true,
     "schema": {
      "type": "string"
     }
    }
   ],
   "responses": {
    "200": {
     "contentTypes": [
      "application/json"
     ],
     "schema": {
      "properties": {
       "canBeUnclassified": {
        "type": "boolean"
       },
       "canFinalize": {
        "type": "boolean"
       },
       "canRMClassify": {
        "type": "boolean"
       },
       "canRemoveClass": {
        "type": "boolean"
       },
       "classVolumeID": {
        "type": "integer"
       },
       "data": {
        "items": {
         "properties": {
          "accession": {
           "type": "string"
          },
          "addressee": {
           "type": "string"
          },
          "class_selectable": {
           "type": "boolean"
          },
          "cycle_period": {
           "type": "integer"
          },
          "default_rmclassification_id": {
           "type": "integer"
          },
          "essential": {
           "type": "string"
          },
          "establishment": {
           "type": "string"
          },
          "extradata": {
           "type": "string"
          },
          "file_number": {
           "type": "string"
          },
          "inherit_from": {
           "type": "boolean"
          },
          "inherited_rmclassification_id": {
           "type": "integer"
          },
          "is_primary": {
           "type": "boolean"
          },
          "last_review_date": {
           "format": "date",
           "type": "string"
          },
          "management_type": {
           "type": "string"
          },
          "multiple_classifications": {
           "type": "string"
          },
          "name": {
           "type": "string"
          },
          "next_review_date": {
           "format": "date",
           "type": "string"
          },
          "official": {
           "type": "boolean"
          },
          "originator": {
           "type": "string"
          },
          "received_date": {
           "format": "date",
           "type": "string"
          },
          "record_date": {
           "format": "date",
           "type": "string"
          },
          "record_officer_id": {
           "type": "integer"
          },
          "record_officer_name": {
           "type": "string"
          },
          "record_type": {
           "type": "integer"
          },
          "records_manager_id": {
           "type": "integer"
          },
          "records_manager_name": {
           "type": "string"
          },
          "rmclassification_id": {
           "type": "integer"
          },
          "rsi": {
           "type": "string"
          },
          "score": {
           "type": "integer"
          },
          "secondary_class_ids": {
           "type": "integer"
          },
          "sent_to": {
           "type": "string"
          },
          "status": {
           "type": "string"
          },
          "status_date": {
           "format": "date",
           "type": "string"
          },
          "storage": {
           "type": "string"
          },
          "subject": {
           "type": "string"
          },
          "type": {
           "type": "integer"
          }
         }
        },
        "type": "array"
       },
       "definitions": {},
       "fields_order": {
        "type": "string"
       },
       "fields_to_show": {},
       "haveFAtoClassify": {
        "type": "boolean"
       },
       "inherit_from": {
        "type": "boolean"
       },
       "inheritanceMetadataUpdate": {},
       "multiClass": {
        "type": "boolean"
       },
       "rm_metadataToken": {
        "type": "string"
       },
       "showTab": {
        "type": "boolean"
       },
       "vitalRecordCodes": {
        "type": "string"
       }
      },
      "type": "object"
     }
    },
    "400": {
     "contentTypes": []
    }
   }
  },
  {
   "key": "POST /api/v1/nodes/{id}/rmclassifications",
   "method": "POST",
   "path": "/api/v1/nodes/{id}/rmclassifications",
   "source": {
    "document": "records-management",
    "path": "/v1/nodes/{id}/rmclassifications",
    "operationId": "AddRMClassifications"
   },
   "parameters": [
    {
     "name": "id",
     "in": "path",
     "required": true,
     "schema": {
      "type": "integer"
     }
    }
   ],
   "requestBody": {
    "required": false,
    "content": {
     "application/x-www-form-urlencoded": {
      "properties": {
       "accession": {
        "type": "string"
       },
       "addressee": {
        "type": "string"
       },
       "class_id": {
        "type": "integer"
       },
       "cycle_period": {
        "type": "string"
       },
       "essential": {
        "type": "string"
       },
       "establishment": {
        "type": "string"
       },
       "last_review_date": {
        "format": "date",
        "type": "string"
       },
       "next_review_date": {
        "format": "date",
        "type": "string"
       },
       "official": {
        "type": "boolean"
       },
       "originator": {
        "type": "string"
       },
       "received_date": {
        "format": "date",
        "type": "string"
       },
       "record_date": {
        "format": "date",
        "type": "string"
       },
       "rm_metadataToken": {
        "type": "string"
       },
       "rsi": {
        "type": "string"
       },
       "secondary_class_ids": {
        "type": "integer"
       },
       "sent_to": {
        "type": "string"
       },
       "status": {
        "type": "string"
       },
       "status_date": {
        "format": "date",
        "type": "string"
       },
       "storage": {
        "type": "string"
       },
       "subject": {
        "type": "string"
       },
       "systemclassified": {
        "type": "string"
       },
       "userclassified": {
        "type": "string"
       }
      },
      "required": [
       "class_id",
       "rm_metadataToken"
      ],
      "type": "object"
     }
    }
   },
   "responses": {
    "200": {
     "contentTypes": []
    },
    "400": {
     "contentTypes": []
    }
   }
  },
  {
   "key": "GET /api/v1/nodes/{id}/versions/latest",
   "method": "GET",
   "path": "/api/v1/nodes/{id}/versions/latest",
   "source": {
    "document": "content-server",
    "path": "/v1/nodes/{id}/versions/latest",
    "operationId": "getLatestVersion"
   },
   "parameters": [
    {
     "name": "id",
     "in": "path",
     "required": true,
     "schema": {
      "type": "integer"
     }
    },
    {
     "name": "expand",
     "in": "query",
     "required": false,
     "schema": {
      "type": "string"
     }
    },
    {
     "name": "expand_fields",
     "in": "query",
     "required": false,
     "schema": {
      "type": "string"
     }
    },
    {
     "name": "fields",
     "in": "query",
     "required": false,
     "schema": {
      "type": "string"
     }
    },
    {
     "name": "suppress_response_codes",
     "in": "query",
     "required": false,
     "schema": {
      "nullable": true,
      "type": "string"
     }
    }
   ],
   "responses": {
    "200": {
     "contentTypes": [
      "application/json"
     ],
     "schema": {
      "properties": {
       "data": {
        "items": {
         "properties": {
          "create_date": {
           "format": "date-time",
           "type": "string"
          },
          "description": {
           "type": "string"
          },
          "external_create_date": {
           "format": "date",
           "type": "string"
          },
          "external_identity": {
           "type": "string"
          },
          "external_identity_type": {
           "type": "string"
          },
          "external_modify_date": {
           "format": "date",
           "type": "string"
          },
          "external_source": {
           "type": "string"
          },
          "file_create_date": {
           "format": "date-time",
           "type": "string"
          },
          "file_modify_date": {
           "format": "date-time",
           "type": "string"
          },
          "file_name": {
           "type": "string"
          },
          "file_size": {
           "type": "integer"
          },
          "file_type": {
           "type": "string"
          },
          "has_generation": {
           "type": "boolean"
          },
          "id": {
           "type": "integer"
          },
          "locked": {
           "type": "integer"
          },
          "locked_date": {
           "format": "date-time",
           "type": "string"
          },
          "locked_user_id": {
           "type": "integer"
          },
          "mime_type": {
           "type": "string"
          },
          "modify_date": {
           "format": "date-time",
           "type": "string"
          },
          "owner_id": {
           "type": "integer"
          },
          "provider_name": {
           "type": "string"
          },
          "version_id": {
           "type": "integer"
          },
          "version_major_number": {
           "type": "integer"
          },
          "version_minor_number": {
           "type": "integer"
          },
          "version_number": {
           "type": "integer"
          }
         },
         "type": "object"
        },
        "type": "array"
       },
       "definitions": {
        "type": "object"
       }
      },
      "type": "object"
     }
    },
    "400": {
     "contentTypes": []
    },
    "401": {
     "contentTypes": []
    }
   }
  },
  {
   "key": "GET /api/v1/ping",
   "method": "GET",
   "path": "/api/v1/ping",
   "source": {
    "document": "content-server",
    "path": "/v1/ping",
    "operationId": "rest_api"
   },
   "parameters": [],
   "responses": {
    "200": {
     "contentTypes": [
      "application/json"
     ],
     "schema": {
      "properties": {
       "build": {
        "type": "integer"
       },
       "href": {
        "type": "string"
       },
       "version": {
        "type": "integer"
       }
      },
      "type": "object"
     }
    },
    "400": {
     "contentTypes": []
    }
   }
  },
  {
   "key": "GET /api/v1/serverinfo",
   "method": "GET",
   "path": "/api/v1/serverinfo",
   "source": {
    "document": "content-server",
    "path": "/v1/serverinfo",
    "operationId": "serverinfotab"
   },
   "parameters": [],
   "responses": {
    "200": {
     "contentTypes": [
      "application/json"
     ],
     "schema": {
      "properties": {
       "mobile": {
        "items": {
         "properties": {
          "client_timeout": {
           "type": "integer"
          },
          "offline_use": {
           "type": "boolean"
          }
         },
         "type": "object"
        },
        "type": "array"
       },
       "server": {
        "items": {
         "properties": {
          "advanced_versioning": {
           "type": "boolean"
          },
          "available_mime_types": {
           "items": {
            "type": "string"
           },
           "type": "array"
          },
          "character_encoding": {
           "type": "integer"
          },
          "current_date": {
           "format": "date-time",
           "type": "string"
          },
          "current_locale_suffix": {
           "type": "string"
          },
          "domain_access_enabled": {
           "type": "boolean"
          },
          "enhanced_advanced_versioning": {
           "type": "boolean"
          },
          "force_download_for_mime_types": {
           "items": {
            "type": "string"
           },
           "type": "array"
          },
          "language_code": {
           "type": "string"
          },
          "languages": {
           "items": {
            "properties": {
             "default": {
              "type": "boolean"
             },
             "display_name": {
              "type": "string"
             },
             "language_code": {
              "type": "string"
             }
            },
            "type": "object"
           },
           "type": "array"
          },
          "metadata_languages": {
           "items": {
            "properties": {
             "default": {
              "type": "boolean"
             },
             "display_name": {
              "type": "string"
             },
             "language_code": {
              "type": "string"
             }
            },
            "type": "object"
           },
           "type": "array"
          },
          "time_zone_offset_enabled": {
           "type": "boolean"
          },
          "url": {
           "type": "string"
          },
          "version": {
           "type": "string"
          },
          "xecmgovInstalled": {
           "type": "boolean"
          }
         },
         "type": "object"
        },
        "type": "array"
       },
       "sessions": {
        "items": {
         "properties": {
          "enabled": {
           "type": "boolean"
          },
          "expire_after_last_login": {
           "type": "boolean"
          },
          "expire_after_last_request": {
           "type": "boolean"
          },
          "logout_url": {
           "type": "string"
          },
          "session_inactivity": {
           "type": "integer"
          },
          "session_reaction_time": {
           "type": "integer"
          },
          "session_timeout": {
           "type": "integer"
          }
         },
         "type": "object"
        },
        "type": "array"
       },
       "viewer": {
        "items": {
         "properties": {
          "content_suite": {
           "items": {
            "properties": {
             "enabled": {
              "type": "boolean"
             },
             "supported_mime_types": {
              "items": {
               "type": "string"
              },
              "type": "array"
             }
            },
            "type": "object"
           },
           "type": "array"
          }
         },
         "type": "object"
        },
        "type": "array"
       }
      },
      "type": "object"
     }
    },
    "400": {
     "contentTypes": []
    },
    "401": {
     "contentTypes": []
    }
   }
  },
  {
   "key": "POST /api/v1/validation/nodes/names",
   "method": "POST",
   "path": "/api/v1/validation/nodes/names",
   "source": {
    "document": "content-server",
    "path": "/v1/validation/nodes/names",
    "operationId": "CheckNames2"
   },
   "parameters": [],
   "requestBody": {
    "required": true,
    "content": {
     "text/plain": {
      "type": "string"
     }
    }
   },
   "responses": {
    "200": {
     "contentTypes": [
      "application/json"
     ],
     "schema": {
      "properties": {
       "results": {
        "items": {
         "properties": {
          "id": {
           "type": "integer"
          },
          "name": {
           "type": "string"
          }
         },
         "type": "object"
        },
        "type": "array"
       }
      },
      "type": "object"
     }
    },
    "400": {
     "contentTypes": []
    },
    "401": {
     "contentTypes": []
    }
   }
  },
  {
   "key": "GET /api/v2/businessworkspaces",
   "method": "GET",
   "path": "/api/v2/businessworkspaces",
   "source": {
    "document": "business-workspaces",
    "path": "/v2/businessworkspaces",
    "operationId": "getRecentlyBusinessWorkspaces"
   },
   "parameters": [
    {
     "name": "action",
     "in": "query",
     "required": false,
     "schema": {
      "type": "string"
     }
    },
    {
     "name": "expand",
     "in": "query",
     "required": false,
     "schema": {
      "type": "string"
     }
    },
    {
     "name": "expand_users",
     "in": "query",
     "required": false,
     "schema": {
      "type": "boolean"
     }
    },
    {
     "name": "expanded_view",
     "in": "query",
     "required": false,
     "schema": {
      "default": false,
      "type": "boolean"
     }
    },
    {
     "name": "fields",
     "in": "query",
     "required": false,
     "schema": {
      "type": "string"
     }
    },
    {
     "name": "global_metadata",
     "in": "query",
     "required": false,
     "schema": {
      "type": "boolean"
     }
    },
    {
     "name": "include_total_count",
     "in": "query",
     "required": false,
     "schema": {
      "default": true,
      "type": "boolean"
     }
    },
    {
     "name": "limit",
     "in": "query",
     "required": false,
     "schema": {
      "default": 500,
      "type": "integer"
     }
    },
    {
     "name": "metadata",
     "in": "query",
     "required": false,
     "schema": {
      "type": "boolean"
     }
    },
    {
     "name": "page",
     "in": "query",
     "required": false,
     "schema": {
      "default": 1,
      "type": "integer"
     }
    },
    {
     "name": "sort",
     "in": "query",
     "required": false,
     "schema": {
      "type": "string"
     }
    },
    {
     "name": "where_barcode",
     "in": "query",
     "required": false,
     "schema": {
      "type": "string"
     }
    },
    {
     "name": "where_bo_id",
     "in": "query",
     "required": false,
     "schema": {
      "type": "string"
     }
    },
    {
     "name": "where_bo_type",
     "in": "query",
     "required": false,
     "schema": {
      "type": "string"
     }
    },
    {
     "name": "where_botype_node_id",
     "in": "query",
     "required": false,
     "schema": {
      "type": "boolean"
     }
    },
    {
     "name": "where_column_query",
     "in": "query",
     "required": false,
     "schema": {
      "type": "string"
     }
    },
    {
     "name": "where_ext_system_id",
     "in": "query",
     "required": false,
     "schema": {
      "type": "string"
     }
    },
    {
     "name": "where_is_early",
     "in": "query",
     "required": false,
     "schema": {
      "type": "boolean"
     }
    },
    {
     "name": "where_name",
     "in": "query",
     "required": false,
     "schema": {
      "type": "string"
     }
    },
    {
     "name": "where_workspace_type_id",
     "in": "query",
     "required": false,
     "schema": {
      "type": "string"
     }
    },
    {
     "name": "where_workspace_type_name",
     "in": "query",
     "required": false,
     "schema": {
      "type": "string"
     }
    }
   ],
   "responses": {
    "200": {
     "contentTypes": [
      "application/json"
     ],
     "schema": {
      "properties": {
       "links": {
        "properties": {
         "data": {
          "properties": {
           "self": {
            "properties": {
             "body": {
              "type": "string"
             },
             "content_type": {
              "type": "string"
             },
             "href": {
              "type": "string"
             },
             "method": {
              "type": "string"
             },
             "name": {
              "type": "string"
             }
            },
            "type": "object"
           }
          },
          "type": "object"
         }
        },
        "type": "object"
       },
       "paging": {
        "properties": {
         "limit": {
          "type": "integer"
         },
         "links": {
          "properties": {},
          "type": "object"
         },
         "page": {
          "type": "integer"
         },
         "page_total": {
          "type": "integer"
         },
         "range_max": {
          "type": "integer"
         },
         "range_min": {
          "type": "integer"
         },
         "total_count": {
          "type": "integer"
         }
        },
        "type": "object"
       },
       "results": {
        "items": {
         "properties": {
          "actions": {
           "properties": {
            "data": {
             "type": "object"
            },
            "map": {
             "type": "object"
            },
            "order": {
             "items": {
              "type": "string"
             },
             "type": "array"
            }
           },
           "type": "object"
          },
          "data": {
           "properties": {
            "properties": {
             "properties": {
              "container": {
               "type": "boolean"
              },
              "create_date": {
               "type": "string"
              },
              "create_user_id": {
               "type": "integer"
              },
              "description": {
               "type": "string"
              },
              "favorite": {
               "type": "boolean"
              },
              "icon": {
               "type": "string"
              },
              "id": {
               "type": "integer"
              },
              "image_url": {
               "type": "string"
              },
              "modify_date": {
               "type": "string"
              },
              "modify_user_id": {
               "type": "integer"
              },
              "name": {
               "type": "string"
              },
              "original_id": {
               "type": "integer"
              },
              "parent_id": {
               "type": "integer"
              },
              "perm_add_major_version": {
               "type": "boolean"
              },
              "perm_create": {
               "type": "boolean"
              },
              "perm_delete": {
               "type": "boolean"
              },
              "perm_delete_versions": {
               "type": "boolean"
              },
              "perm_modify": {
               "type": "boolean"
              },
              "perm_modify_attributes": {
               "type": "boolean"
              },
              "perm_modify_permissions": {
               "type": "boolean"
              },
              "perm_reserve": {
               "type": "boolean"
              },
              "perm_see": {
               "type": "boolean"
              },
              "perm_see_contents": {
               "type": "boolean"
              },
              "reserved": {
               "type": "boolean"
              },
              "reserved_date": {
               "type": "string"
              },
              "reserved_user_id": {
               "type": "integer"
              },
              "size": {
               "type": "integer"
              },
              "type": {
               "type": "integer"
              },
              "type_name": {
               "type": "string"
              },
              "user_id": {
               "type": "integer"
              },
              "volume_id": {
               "type": "integer"
              },
              "wnd_comments": {
               "type": "object"
              },
              "wnd_comments_formatted": {
               "type": "object"
              },
              "wnf_bo_type_id": {
               "type": "object"
              },
              "wnf_bo_type_id_formatted": {
               "type": "object"
              },
              "wnf_readydate": {
               "type": "object"
              },
              "wnf_readydate_formatted": {
               "type": "object"
              },
              "wnf_wksp_name_en": {
               "type": "string"
              },
              "wnf_wksp_name_en_formatted": {
               "type": "string"
              },
              "wnf_wksp_template_id": {
               "type": "integer"
              },
              "wnf_wksp_type_id": {
               "type": "integer"
              },
              "wnf_wksp_type_id_formatted": {
               "type": "string"
              }
             },
             "type": "object"
            }
           },
           "type": "object"
          }
         },
         "type": "object"
        },
        "type": "array"
       },
       "wksp_info": {
        "properties": {
         "wksp_type_icon": {
          "type": "string"
         }
        },
        "type": "object"
       }
      },
      "type": "object"
     }
    },
    "400": {
     "contentTypes": [
      "application/json"
     ],
     "schema": {
      "properties": {
       "error": {
        "type": "string"
       }
      },
      "type": "object"
     }
    },
    "401": {
     "contentTypes": []
    },
    "404": {
     "contentTypes": [
      "application/json"
     ],
     "schema": {
      "properties": {
       "error": {
        "type": "string"
       }
      },
      "type": "object"
     }
    },
    "500": {
     "contentTypes": [
      "application/json"
     ],
     "schema": {
      "properties": {
       "error": {
        "type": "string"
       }
      },
      "type": "object"
     }
    }
   }
  },
  {
   "key": "POST /api/v2/businessworkspaces",
   "method": "POST",
   "path": "/api/v2/businessworkspaces",
   "source": {
    "document": "business-workspaces",
    "path": "/v2/businessworkspaces",
    "operationId": "createBusinessWorkspace"
   },
   "parameters": [],
   "requestBody": {
    "required": false,
    "content": {
     "application/json": {
      "properties": {
       "bo_id": {
        "type": "string"
       },
       "bo_properties": {
        "items": {
         "properties": {
          "lang_values": {
           "items": {
            "properties": {
             "lang_code": {
              "type": "string"
             },
             "values": {
              "items": {
               "type": "string"
              },
              "type": "array"
             }
            },
            "type": "object"
           },
           "type": "array"
          },
          "name": {
           "type": "string"
          },
          "values": {
           "items": {
            "type": "string"
           },
           "type": "array"
          }
         },
         "type": "object"
        },
        "type": "array"
       },
       "bo_property_groups": {
        "items": {
         "properties": {
          "name": {
           "type": "string"
          },
          "rows": {
           "items": {
            "properties": {
             "columns": {
              "items": {
               "properties": {
                "lang_values": {
                 "items": {
                  "properties": {
                   "lang_code": {
                    "type": "string"
                   },
                   "values": {
                    "items": {
                     "type": "string"
                    },
                    "type": "array"
                   }
                  },
                  "type": "object"
                 },
                 "type": "array"
                },
                "name": {
                 "type": "string"
                },
                "values": {
                 "items": {
                  "type": "string"
                 },
                 "type": "array"
                }
               },
               "type": "object"
              },
              "type": "array"
             }
            },
            "type": "object"
           },
           "type": "array"
          }
         },
         "type": "object"
        },
        "type": "array"
       },
       "bo_relations": {
        "items": {
         "properties": {
          "business_objects": {
           "items": {
            "properties": {
             "bo_id": {
              "type": "string"
             },
             "bo_type": {
              "type": "string"
             },
             "ext_system_id": {
              "type": "string"
             }
            },
            "type": "object"
           },
           "type": "array"
          },
          "relation_type": {
           "type": "string"
          }
         },
         "type": "object"
        },
        "type": "array"
       },
       "bo_roles_users": {
        "items": {
         "properties": {
          "role": {
           "type": "string"
          },
          "users": {
           "items": {
            "type": "string"
           },
           "type": "array"
          }
         },
         "type": "object"
        },
        "type": "array"
       },
       "bo_type": {
        "type": "string"
       },
       "bo_type_id": {
        "type": "integer"
       },
       "class_id": {
        "type": "integer"
       },
       "description": {
        "type": "string"
       },
       "description_multilingual": {
        "type": "object"
       },
       "ext_system_id": {
        "type": "string"
       },
       "ibo_workspace_id": {
        "type": "integer"
       },
       "name": {
        "type": "string"
       },
       "name_multilingual": {
        "type": "object"
       },
       "parent_id": {
        "type": "integer"
       },
       "roles": {
        "type": "object"
       },
       "template_id": {
        "type": "integer"
       },
       "wksp_type_id": {
        "type": "integer"
       }
      },
      "type": "object"
     }
    }
   },
   "responses": {
    "200": {
     "contentTypes": [
      "application/json"
     ],
     "schema": {
      "properties": {
       "links": {
        "properties": {
         "data": {
          "properties": {
           "self": {
            "properties": {
             "body": {
              "type": "string"
             },
             "content_type": {
              "type": "string"
             },
             "href": {
              "type": "string"
             },
             "method": {
              "type": "string"
             },
             "name": {
              "type": "string"
             }
            },
            "type": "object"
           }
          },
          "type": "object"
         }
        },
        "type": "object"
       },
       "results": {
        "properties": {
         "id": {
          "type": "integer"
         }
        },
        "type": "object"
       }
      },
      "type": "object"
     }
    },
    "400": {
     "contentTypes": [
      "application/json"
     ],
     "schema": {
      "properties": {
       "error": {
        "type": "string"
       }
      },
      "type": "object"
     }
    },
    "401": {
     "contentTypes": []
    },
    "404": {
     "contentTypes": [
      "application/json"
     ],
     "schema": {
      "properties": {
       "error": {
        "type": "string"
       }
      },
      "type": "object"
     }
    },
    "500": {
     "contentTypes": [
      "application/json"
     ],
     "schema": {
      "properties": {
       "error": {
        "type": "string"
       }
      },
      "type": "object"
     }
    }
   }
  },
  {
   "key": "GET /api/v2/businessworkspaces/{id}",
   "method": "GET",
   "path": "/api/v2/businessworkspaces/{id}",
   "source": {
    "document": "business-workspaces",
    "path": "/v2/businessworkspaces/{bw_id}",
    "operationId": "getBusinessWorkspaceInfo",
    "renamedPathParams": {
     "bw_id": "id"
    }
   },
   "parameters": [
    {
     "name": "id",
     "in": "path",
     "required": true,
     "schema": {
      "type": "integer"
     }
    },
    {
     "name": "add_recently_accessed",
     "in": "query",
     "required": false,
     "schema": {
      "type": "boolean"
     }
    },
    {
     "name": "bo_properties_only",
     "in": "query",
     "required": false,
     "schema": {
      "type": "boolean"
     }
    },
    {
     "name": "expand",
     "in": "query",
     "required": false,
     "schema": {
      "type": "string"
     }
    },
    {
     "name": "fields",
     "in": "query",
     "required": false,
     "schema": {
      "type": "string"
     }
    }
   ],
   "responses": {
    "200": {
     "contentTypes": [
      "application/json"
     ],
     "schema": {
      "properties": {
       "links": {
        "properties": {
         "data": {
          "properties": {
           "self": {
            "properties": {
             "body": {
              "type": "string"
             },
             "content_type": {
              "type": "string"
             },
             "href": {
              "type": "string"
             },
             "method": {
              "type": "string"
             },
             "name": {
              "type": "string"
             }
            },
            "type": "object"
           }
          },
          "type": "object"
         }
        },
        "type": "object"
       },
       "results": {
        "properties": {
         "actions": {
          "properties": {
           "data": {
            "type": "object"
           },
           "map": {
            "type": "object"
           },
           "order": {
            "items": {
             "type": "string"
            },
            "type": "array"
           }
          },
          "type": "object"
         },
         "data": {
          "properties": {
           "business_properties": {
            "properties": {
             "has_default_display": {
              "type": "boolean"
             },
             "has_default_search": {
              "type": "boolean"
             },
             "isEarly": {
              "type": "boolean"
             },
             "workspace_type_id": {
              "type": "integer"
             },
             "workspace_type_name": {
              "type": "string"
             },
             "workspace_type_name_multilingual": {
              "properties": {
               "de": {
                "type": "string"
               },
               "en": {
                "type": "string"
               }
              },
              "type": "object"
             }
            },
            "type": "object"
           },
           "properties": {
            "properties": {
             "container": {
              "type": "boolean"
             },
             "container_size": {
              "type": "integer"
             },
             "create_date": {
              "type": "string"
             },
             "create_user_id": {
              "type": "integer"
             },
             "description": {
              "type": "string"
             },
             "description_multilingual": {
              "properties": {
               "de": {
                "type": "string"
               },
               "en": {
                "type": "string"
               }
              },
              "type": "object"
             },
             "external_create_date": {
              "type": "string"
             },
             "external_identity": {
              "type": "string"
             },
             "external_identity_type": {
              "type": "string"
             },
             "external_modify_date": {
              "type": "string"
             },
             "external_source": {
              "type": "string"
             },
             "favorite": {
              "type": "boolean"
             },
             "guid": {
              "type": "string"
             },
             "icon": {
              "type": "string"
             },
             "icon_large": {
              "type": "string"
             },
             "id": {
              "type": "integer"
             },
             "image_url": {
              "type": "string"
             },
             "modify_date": {
              "type": "string"
             },
             "modify_user_id": {
              "type": "integer"
             },
             "name": {
              "type": "string"
             },
             "name_multilingual": {
              "properties": {
               "de": {
                "type": "string"
               },
               "en": {
                "type": "string"
               }
              },
              "type": "object"
             },
             "owner_group_id": {
              "type": "integer"
             },
             "owner_user_id": {
              "type": "integer"
             },
             "parent_id": {
              "type": "integer"
             },
             "reserved": {
              "type": "boolean"
             },
             "reserved_date": {
              "type": "string"
             },
             "reserved_user_id": {
              "type": "integer"
             },
             "rm_enabled": {
              "type": "boolean"
             },
             "size": {
              "type": "integer"
             },
             "type": {
              "type": "integer"
             },
             "type_name": {
              "type": "string"
             },
             "user_id": {
              "type": "integer"
             },
             "versions_control_advanced": {
              "type": "boolean"
             },
             "volume_id": {
              "type": "integer"
             }
            },
            "type": "object"
           },
           "wksp_info": {
            "properties": {
             "wksp_type_icon": {
              "type": "string"
             }
            },
            "type": "object"
           },
           "workspace_references": {
            "items": {
             "type": "object"
            },
            "type": "array"
           }
          },
          "type": "object"
         }
        },
        "type": "object"
       }
      },
      "type": "object"
     }
    },
    "400": {
     "contentTypes": [
      "application/json"
     ],
     "schema": {
      "properties": {
       "error": {
        "type": "string"
       }
      },
      "type": "object"
     }
    },
    "401": {
     "contentTypes": []
    },
    "404": {
     "contentTypes": [
      "application/json"
     ],
     "schema": {
      "properties": {
       "error": {
        "type": "string"
       }
      },
      "type": "object"
     }
    },
    "500": {
     "contentTypes": [
      "application/json"
     ],
     "schema": {
      "properties": {
       "error": {
        "type": "string"
       }
      },
      "type": "object"
     }
    }
   }
  },
  {
   "key": "GET /api/v2/businessworkspaces/{id}/relateditems",
   "method": "GET",
   "path": "/api/v2/businessworkspaces/{id}/relateditems",
   "source": {
    "document": "business-workspaces",
    "path": "/v2/businessworkspaces/{bw_id}/relateditems",
    "operationId": "getRelatedItems",
    "renamedPathParams": {
     "bw_id": "id"
    }
   },
   "parameters": [
    {
     "name": "id",
     "in": "path",
     "required": true,
     "schema": {
      "type": "integer"
     }
    },
    {
     "name": "action",
     "in": "query",
     "required": false,
     "schema": {
      "type": "string"
     }
    },
    {
     "name": "expand",
     "in": "query",
     "required": false,
     "schema": {
      "type": "string"
     }
    },
    {
     "name": "expand_users",
     "in": "query",
     "required": false,
     "schema": {
      "type": "boolean"
     }
    },
    {
     "name": "fields",
     "in": "query",
     "required": false,
     "schema": {
      "type": "string"
     }
    },
    {
     "name": "global_metadata",
     "in": "query",
     "required": false,
     "schema": {
      "type": "boolean"
     }
    },
    {
     "name": "include_total_count",
     "in": "query",
     "required": false,
     "schema": {
      "default": true,
      "type": "boolean"
     }
    },
    {
     "name": "limit",
     "in": "query",
     "required": false,
     "schema": {
      "default": 500,
      "type": "integer"
     }
    },
    {
     "name": "metadata",
     "in": "query",
     "required": false,
     "schema": {
      "type": "boolean"
     }
    },
    {
     "name": "page",
     "in": "query",
     "required": false,
     "schema": {
      "default": 1,
      "type": "integer"
     }
    },
    {
     "name": "sort",
     "in": "query",
     "required": false,
     "schema": {
      "type": "string"
     }
    },
    {
     "name": "where_name",
     "in": "query",
     "required": false,
     "schema": {
      "type": "string"
     }
    },
    {
     "name": "where_rel_types",
     "in": "query",
     "required": false,
     "schema": {
      "items": {
       "type": "string"
      },
      "type": "array"
     }
    },
    {
     "name": "where_relationtype",
     "in": "query",
     "required": false,
     "schema": {
      "type": "string"
     }
    },
    {
     "name": "where_workspace_type_id",
     "in": "query",
     "required": false,
     "schema": {
      "type": "string"
     }
    },
    {
     "name": "where_workspace_type_ids",
     "in": "query",
     "required": false,
     "schema": {
      "items": {
       "type": "integer"
      },
      "type": "array"
     }
    }
   ],
   "responses": {
    "200": {
     "contentTypes": [
      "application/json"
     ],
     "schema": {
      "properties": {
       "links": {
        "properties": {
         "data": {
          "properties": {
           "self": {
            "properties": {
             "body": {
              "type": "string"
             },
             "content_type": {
              "type": "string"
             },
             "href": {
              "type": "string"
             },
             "method": {
              "type": "string"
             },
             "name": {
              "type": "string"
             }
            },
            "type": "object"
           }
          },
          "type": "object"
         }
        },
        "type": "object"
       },
       "paging": {
        "properties": {
         "limit": {
          "type": "integer"
         },
         "links": {
          "properties": {},
          "type": "object"
         },
         "page": {
          "type": "integer"
         },
         "page_total": {
          "type": "integer"
         },
         "range_max": {
          "type": "integer"
         },
         "range_min": {
          "type": "integer"
         },
         "total_count": {
          "type": "integer"
         }
        },
        "type": "object"
       },
       "results": {
        "items": {
         "properties": {
          "actions": {
           "properties": {
            "data": {
             "type": "object"
            },
            "map": {
             "type": "object"
            },
            "order": {
             "items": {
              "type": "string"
             },
             "type": "array"
            }
           },
           "type": "object"
          },
          "data": {
           "properties": {
            "properties": {
             "properties": {
              "container": {
               "type": "boolean"
              },
              "create_date": {
               "type": "string"
              },
              "create_user_id": {
               "type": "integer"
              },
              "description": {
               "type": "string"
              },
              "favorite": {
               "type": "boolean"
              },
              "icon": {
               "type": "string"
              },
              "id": {
               "type": "integer"
              },
              "image_url": {
               "type": "string"
              },
              "modify_date": {
               "type": "string"
              },
              "modify_user_id": {
               "type": "integer"
              },
              "name": {
               "type": "string"
              },
              "original_id": {
               "type": "integer"
              },
              "parent_id": {
               "type": "integer"
              },
              "perm_add_major_version": {
               "type": "boolean"
              },
              "perm_create": {
               "type": "boolean"
              },
              "perm_delete": {
               "type": "boolean"
              },
              "perm_delete_versions": {
               "type": "boolean"
              },
              "perm_modify": {
               "type": "boolean"
              },
              "perm_modify_attributes": {
               "type": "boolean"
              },
              "perm_modify_permissions": {
               "type": "boolean"
              },
              "perm_reserve": {
               "type": "boolean"
              },
              "perm_see": {
               "type": "boolean"
              },
              "perm_see_contents": {
               "type": "boolean"
              },
              "reserved": {
               "type": "boolean"
              },
              "reserved_date": {
               "type": "string"
              },
              "reserved_user_id": {
               "type": "integer"
              },
              "size": {
               "type": "integer"
              },
              "type": {
               "type": "integer"
              },
              "type_name": {
               "type": "string"
              },
              "user_id": {
               "type": "integer"
              },
              "volume_id": {
               "type": "integer"
              },
              "wnd_comments": {
               "type": "object"
              },
              "wnd_comments_formatted": {
               "type": "object"
              },
              "wnf_bo_type_id": {
               "type": "object"
              },
              "wnf_bo_type_id_formatted": {
               "type": "object"
              },
              "wnf_readydate": {
               "type": "object"
              },
              "wnf_readydate_formatted": {
               "type": "object"
              },
              "wnf_wksp_name_en": {
               "type": "string"
              },
              "wnf_wksp_name_en_formatted": {
               "type": "string"
              },
              "wnf_wksp_template_id": {
               "type": "integer"
              },
              "wnf_wksp_type_id": {
               "type": "integer"
              },
              "wnf_wksp_type_id_formatted": {
               "type": "string"
              }
             },
             "type": "object"
            }
           },
           "type": "object"
          }
         },
         "type": "object"
        },
        "type": "array"
       },
       "wksp_info": {
        "properties": {
         "wksp_type_icon": {
          "type": "string"
         }
        },
        "type": "object"
       }
      },
      "type": "object"
     }
    },
    "400": {
     "contentTypes": [
      "application/json"
     ],
     "schema": {
      "properties": {
       "error": {
        "type": "string"
       }
      },
      "type": "object"
     }
    },
    "401": {
     "contentTypes": []
    },
    "404": {
     "contentTypes": [
      "application/json"
     ],
     "schema": {
      "properties": {
       "error": {
        "type": "string"
       }
      },
      "type": "object"
     }
    },
    "500": {
     "contentTypes": [
      "application/json"
     ],
     "schema": {
      "properties": {
       "error": {
        "type": "string"
       }
      },
      "type": "object"
     }
    }
   }
  },
  {
   "key": "POST /api/v2/businessworkspaces/{id}/relateditems",
   "method": "POST",
   "path": "/api/v2/businessworkspaces/{id}/relateditems",
   "source": {
    "document": "business-workspaces",
    "path": "/v2/businessworkspaces/{bw_id}/relateditems",
    "operationId": "addBusinessWorkspaceRelation",
    "renamedPathParams": {
     "bw_id": "id"
    }
   },
   "parameters": [
    {
     "name": "id",
     "in": "path",
     "required": true,
     "schema": {
      "type": "integer"
     }
    }
   ],
   "requestBody": {
    "required": false,
    "content": {
     "application/json": {
      "properties": {
       "rel_bw_id": {
        "type": "integer"
       },
       "rel_type": {
        "default": "child",
        "type": "string"
       }
      },
      "required": [
       "rel_bw_id"
      ],
      "type": "object"
     }
    }
   },
   "responses": {
    "200": {
     "contentTypes": [
      "application/json"
     ],
     "schema": {
      "properties": {
       "links": {
        "properties": {
         "data": {
          "properties": {
           "self": {
            "properties": {
             "body": {
              "type": "string"
             },
             "content_type": {
              "type": "string"
             },
             "href": {
              "type": "string"
             },
             "method": {
              "type": "string"
             },
             "name": {
              "type": "string"
             }
            },
            "type": "object"
           }
          },
          "type": "object"
         }
        },
        "type": "object"
       },
       "results": {
        "properties": {},
        "type": "object"
       }
      },
      "type": "object"
     }
    },
    "400": {
     "contentTypes": [
      "application/json"
     ],
     "schema": {
      "properties": {
       "error": {
        "type": "string"
       }
      },
      "type": "object"
     }
    },
    "401": {
     "contentTypes": []
    },
    "404": {
     "contentTypes": [
      "application/json"
     ],
     "schema": {
      "properties": {
       "error": {
        "type": "string"
       }
      },
      "type": "object"
     }
    },
    "500": {
     "contentTypes": [
      "application/json"
     ],
     "schema": {
      "properties": {
       "error": {
        "type": "string"
       }
      },
      "type": "object"
     }
    }
   }
  },
  {
   "key": "DELETE /api/v2/businessworkspaces/{id}/relateditems/{rel_bw_id}",
   "method": "DELETE",
   "path": "/api/v2/businessworkspaces/{id}/relateditems/{rel_bw_id}",
   "source": {
    "document": "business-workspaces",
    "path": "/v2/businessworkspaces/{bw_id}/relateditems/{rel_bw_id}",
    "operationId": "deleteBusinessWorkspaceRelation",
    "renamedPathParams": {
     "bw_id": "id"
    }
   },
   "parameters": [
    {
     "name": "id",
     "in": "path",
     "required": true,
     "schema": {
      "type": "integer"
     }
    },
    {
     "name": "rel_bw_id",
     "in": "path",
     "required": true,
     "schema": {
      "type": "integer"
     }
    },
    {
     "name": "rel_type",
     "in": "query",
     "required": false,
     "schema": {
      "default": "child",
      "type": "string"
     }
    }
   ],
   "responses": {
    "200": {
     "contentTypes": [
      "application/json"
     ],
     "schema": {
      "properties": {
       "links": {
        "properties": {
         "data": {
          "properties": {
           "self": {
            "properties": {
             "body": {
              "type": "string"
             },
             "content_type": {
              "type": "string"
             },
             "href": {
              "type": "string"
             },
             "method": {
              "type": "string"
             },
             "name": {
              "type": "string"
             }
            },
            "type": "object"
           }
          },
          "type": "object"
         }
        },
        "type": "object"
       },
       "results": {
        "properties": {},
        "type": "object"
       }
      },
      "type": "object"
     }
    },
    "400": {
     "contentTypes": [
      "application/json"
     ],
     "schema": {
      "properties": {
       "error": {
        "type": "string"
       }
      },
      "type": "object"
     }
    },
    "401": {
     "contentTypes": []
    },
    "404": {
     "contentTypes": [
      "application/json"
     ],
     "schema": {
      "properties": {
       "error": {
        "type": "string"
       }
      },
      "type": "object"
     }
    },
    "500": {
     "contentTypes": [
      "application/json"
     ],
     "schema": {
      "properties": {
       "error": {
        "type": "string"
       }
      },
      "type": "object"
     }
    }
   }
  },
  {
   "key": "GET /api/v2/businessworkspaces/{id}/roles",
   "method": "GET",
   "path": "/api/v2/businessworkspaces/{id}/roles",
   "source": {
    "document": "business-workspaces",
    "path": "/v2/businessworkspaces/{bw_id}/roles",
    "operationId": "getBusinessWorkspaceRoles",
    "renamedPathParams": {
     "bw_id": "id"
    }
   },
   "parameters": [
    {
     "name": "id",
     "in": "path",
     "required": true,
     "schema": {
      "type": "integer"
     }
    },
    {
     "name": "expand",
     "in": "query",
     "required": false,
     "schema": {
      "type": "string"
     }
    },
    {
     "name": "fields",
     "in": "query",
     "required": false,
     "schema": {
      "type": "string"
     }
    }
   ],
   "responses": {
    "200": {
     "contentTypes": [
      "application/json"
     ],
     "schema": {
      "properties": {
       "links": {
        "properties": {
         "data": {
          "properties": {
           "self": {
            "properties": {
             "body": {
              "type": "string"
             },
             "content_type": {
              "type": "string"
             },
             "href": {
              "type": "string"
             },
             "method": {
              "type": "string"
             },
             "name": {
              "type": "string"
             }
            },
            "type": "object"
           }
          },
          "type": "object"
         }
        },
        "type": "object"
       },
       "results": {
        "items": {
         "properties": {
          "actions": {
           "properties": {
            "data": {
             "type": "object"
            },
            "map": {
             "type": "object"
            },
            "order": {
             "items": {
              "type": "string"
             },
             "type": "array"
            }
           },
           "type": "object"
          },
          "data": {
           "properties": {
            "properties": {
             "properties": {
              "description": {
               "type": "string"
              },
              "id": {
               "type": "integer"
              },
              "inherited_from_id": {
               "type": "object"
              },
              "leader": {
               "type": "boolean"
              },
              "name": {
               "type": "string"
              },
              "perms": {
               "type": "integer"
              }
             },
             "type": "object"
            }
           },
           "type": "object"
          }
         },
         "type": "object"
        },
        "type": "array"
       }
      },
      "type": "object"
     }
    },
    "400": {
     "contentTypes": [
      "application/json"
     ],
     "schema": {
      "properties": {
       "error": {
        "type": "string"
       }
      },
      "type": "object"
     }
    },
    "401": {
     "contentTypes": []
    },
    "404": {
     "contentTypes": [
      "application/json"
     ],
     "schema": {
      "properties": {
       "error": {
        "type": "string"
       }
      },
      "type": "object"
     }
    },
    "500": {
     "contentTypes": [
      "application/json"
     ],
     "schema": {
      "properties": {
       "error": {
        "type": "string"
       }
      },
      "type": "object"
     }
    }
   }
  },
  {
   "key": "GET /api/v2/businessworkspaces/{id}/roles/{role_id}/members",
   "method": "GET",
   "path": "/api/v2/businessworkspaces/{id}/roles/{role_id}/members",
   "source": {
    "document": "business-workspaces",
    "path": "/v2/businessworkspaces/{bw_id}/roles/{role_id}/members",
    "operationId": "getRoleMembers",
    "renamedPathParams": {
     "bw_id": "id"
    }
   },
   "parameters": [
    {
     "name": "id",
     "in": "path",
     "required": true,
     "schema": {
      "type": "integer"
     }
    },
    {
     "name": "role_id",
     "in": "path",
     "required": true,
     "schema": {
      "type": "integer"
     }
    },
    {
     "name": "expand",
     "in": "query",
     "required": false,
     "schema": {
      "type": "string"
     }
    }
   ],
   "responses": {
    "200": {
     "contentTypes": [
      "application/json"
     ],
     "schema": {
      "properties": {
       "links": {
        "properties": {
         "data": {
          "properties": {
           "self": {
            "properties": {
             "body": {
              "type": "string"
             },
             "content_type": {
              "type": "string"
             },
             "href": {
              "type": "string"
             },
             "method": {
              "type": "string"
             },
             "name": {
              "type": "string"
             }
            },
            "type": "object"
           }
          },
          "type": "object"
         }
        },
        "type": "object"
       },
       "results": {
        "items": {
         "properties": {
          "data": {
           "properties": {
            "properties": {
             "properties": {
              "display_name": {
               "type": "string"
              },
              "first_name": {
               "type": "string"
              },
              "group_id": {
               "type": "integer"
              },
              "group_name": {
               "type": "string"
              },
              "id": {
               "type": "integer"
              },
              "last_name": {
               "type": "string"
              },
              "middle_name": {
               "type": "string"
              },
              "name": {
               "type": "string"
              }
             },
             "type": "object"
            }
           },
           "type": "object"
          }
         },
         "type": "object"
        },
        "type": "array"
       }
      },
      "type": "object"
     }
    },
    "400": {
     "contentTypes": [
      "application/json"
     ],
     "schema": {
      "properties": {
       "error": {
        "type": "string"
       }
      },
      "type": "object"
     }
    },
    "401": {
     "contentTypes": []
    },
    "404": {
     "contentTypes": [
      "application/json"
     ],
     "schema": {
      "properties": {
       "error": {
        "type": "string"
       }
      },
      "type": "object"
     }
    },
    "500": {
     "contentTypes": [
      "application/json"
     ],
     "schema": {
      "properties": {
       "error": {
        "type": "string"
       }
      },
      "type": "object"
     }
    }
   }
  },
  {
   "key": "POST /api/v2/businessworkspaces/{id}/roles/{role_id}/members",
   "method": "POST",
   "path": "/api/v2/businessworkspaces/{id}/roles/{role_id}/members",
   "source": {
    "document": "business-workspaces",
    "path": "/v2/businessworkspaces/{bw_id}/roles/{role_id}/members",
    "operationId": "AddRoleMember",
    "renamedPathParams": {
     "bw_id": "id"
    }
   },
   "parameters": [
    {
     "name": "id",
     "in": "path",
     "required": true,
     "schema": {
      "type": "integer"
     }
    },
    {
     "name": "role_id",
     "in": "path",
     "required": true,
     "schema": {
      "type": "integer"
     }
    }
   ],
   "requestBody": {
    "required": false,
    "content": {
     "application/json": {
      "properties": {
       "id": {
        "type": "integer"
       }
      },
      "type": "object"
     }
    }
   },
   "responses": {
    "200": {
     "contentTypes": [
      "application/json"
     ],
     "schema": {
      "properties": {
       "links": {
        "properties": {
         "data": {
          "properties": {
           "self": {
            "properties": {
             "body": {
              "type": "string"
             },
             "content_type": {
              "type": "string"
             },
             "href": {
              "type": "string"
             },
             "method": {
              "type": "string"
             },
             "name": {
              "type": "string"
             }
            },
            "type": "object"
           }
          },
          "type": "object"
         }
        },
        "type": "object"
       },
       "results": {
        "properties": {
         "data": {
          "properties": {
           "properties": {
            "properties": {
             "display_name": {
              "type": "string"
             },
             "first_name": {
              "type": "string"
             },
             "group_id": {
              "type": "integer"
             },
             "group_name": {
              "type": "string"
             },
             "id": {
              "type": "integer"
             },
             "last_name": {
              "type": "string"
             },
             "middle_name": {
              "type": "string"
             },
             "name": {
              "type": "string"
             }
            },
            "type": "object"
           }
          },
          "type": "object"
         }
        },
        "type": "object"
       }
      },
      "type": "object"
     }
    },
    "400": {
     "contentTypes": [
      "application/json"
     ],
     "schema": {
      "properties": {
       "error": {
        "type": "string"
       }
      },
      "type": "object"
     }
    },
    "401": {
     "contentTypes": []
    },
    "404": {
     "contentTypes": [
      "application/json"
     ],
     "schema": {
      "properties": {
       "error": {
        "type": "string"
       }
      },
      "type": "object"
     }
    },
    "500": {
     "contentTypes": [
      "application/json"
     ],
     "schema": {
      "properties": {
       "error": {
        "type": "string"
       }
      },
      "type": "object"
     }
    }
   }
  },
  {
   "key": "DELETE /api/v2/businessworkspaces/{id}/roles/{role_id}/members/{member_id}",
   "method": "DELETE",
   "path": "/api/v2/businessworkspaces/{id}/roles/{role_id}/members/{member_id}",
   "source": {
    "document": "business-workspaces",
    "path": "/v2/businessworkspaces/{bw_id}/roles/{role_id}/members/{member_id}",
    "operationId": "DeleteRoleMember",
    "renamedPathParams": {
     "bw_id": "id"
    }
   },
   "parameters": [
    {
     "name": "id",
     "in": "path",
     "required": true,
     "schema": {
      "type": "integer"
     }
    },
    {
     "name": "member_id",
     "in": "path",
     "required": true,
     "schema": {
      "type": "integer"
     }
    },
    {
     "name": "role_id",
     "in": "path",
     "required": true,
     "schema": {
      "type": "integer"
     }
    }
   ],
   "responses": {
    "200": {
     "contentTypes": [
      "application/json"
     ],
     "schema": {
      "properties": {
       "links": {
        "properties": {
         "data": {
          "properties": {
           "self": {
            "properties": {
             "body": {
              "type": "string"
             },
             "content_type": {
              "type": "string"
             },
             "href": {
              "type": "string"
             },
             "method": {
              "type": "string"
             },
             "name": {
              "type": "string"
             }
            },
            "type": "object"
           }
          },
          "type": "object"
         }
        },
        "type": "object"
       },
       "results": {
        "properties": {},
        "type": "object"
       }
      },
      "type": "object"
     }
    },
    "400": {
     "contentTypes": [
      "application/json"
     ],
     "schema": {
      "properties": {
       "error": {
        "type": "string"
       }
      },
      "type": "object"
     }
    },
    "401": {
     "contentTypes": []
    },
    "404": {
     "contentTypes": [
      "application/json"
     ],
     "schema": {
      "properties": {
       "error": {
        "type": "string"
       }
      },
      "type": "object"
     }
    },
    "500": {
     "contentTypes": [
      "application/json"
     ],
     "schema": {
      "properties": {
       "error": {
        "type": "string"
       }
      },
      "type": "object"
     }
    }
   }
  },
  {
   "key": "GET /api/v2/businessworkspacetypes",
   "method": "GET",
   "path": "/api/v2/businessworkspacetypes",
   "source": {
    "document": "business-workspaces",
    "path": "/v2/businessworkspacetypes",
    "operationId": "getBusinessWorkspaceTypes"
   },
   "parameters": [
    {
     "name": "bo_type",
     "in": "query",
     "required": false,
     "schema": {
      "type": "string"
     }
    },
    {
     "name": "expand_templates",
     "in": "query",
     "required": false,
     "schema": {
      "default": false,
      "type": "boolean"
     }
    },
    {
     "name": "expand_wksp_info",
     "in": "query",
     "required": false,
     "schema": {
      "default": true,
      "type": "boolean"
     }
    },
    {
     "name": "ext_system_id",
     "in": "query",
     "required": false,
     "schema": {
      "type": "string"
     }
    },
    {
     "name": "include_disabled",
     "in": "query",
     "required": false,
     "schema": {
      "default": true,
      "type": "boolean"
     }
    },
    {
     "name": "sort",
     "in": "query",
     "required": false,
     "schema": {
      "type": "string"
     }
    },
    {
     "name": "where_fixed_creation_location",
     "in": "query",
     "required": false,
     "schema": {
      "default": null,
      "type": "boolean"
     }
    },
    {
     "name": "where_manual_creation",
     "in": "query",
     "required": false,
     "schema": {
      "default": null,
      "type": "boolean"
     }
    }
   ],
   "responses": {
    "200": {
     "contentTypes": [
      "application/json"
     ],
     "schema": {
      "properties": {
       "links": {
        "properties": {
         "data": {
          "properties": {
           "self": {
            "properties": {
             "body": {
              "type": "string"
             },
             "content_type": {
              "type": "string"
             },
             "href": {
              "type": "string"
             },
             "method": {
              "type": "string"
             },
             "name": {
              "type": "string"
             }
            },
            "type": "object"
           }
          },
          "type": "object"
         }
        },
        "type": "object"
       },
       "results": {
        "items": {
         "properties": {
          "data": {
           "properties": {
            "properties": {
             "properties": {
              "add_creator_to_lead_role": {
               "type": "boolean"
              },
              "aviator_enabled": {
               "type": "boolean"
              },
              "classification": {
               "properties": {
                "location": {
                 "enum": [
                  "None",
                  "StaticNodeId",
                  "BusinessProperty",
                  "CategoryAttribute"
                 ],
                 "type": "string"
                },
                "location_value": {
                 "type": "string"
                }
               },
               "type": "object"
              },
              "config_node_id": {
               "type": "integer"
              },
              "external_document_storage": {
               "properties": {
                "rm_classification": {
                 "properties": {
                  "location": {
                   "enum": [
                    "None",
                    "StaticNodeId",
                    "CategoryAttribute"
                   ],
                   "type": "string"
                  },
                  "location_value": {
                   "type": "string"
                  }
                 },
                 "type": "object"
                },
                "sub_location_path": {
                 "properties": {
                  "location": {
                   "enum": [
                    "None",
                    "Pattern"
                   ],
                   "type": "string"
                  },
                  "location_value": {
                   "type": "string"
                  }
                 },
                 "type": "object"
                }
               },
               "type": "object"
              },
              "indexing": {
               "properties": {
                "enabled": {
                 "type": "boolean"
                },
                "sub_types": {
                 "items": {
                  "type": "integer"
                 },
                 "type": "array"
                }
               },
               "type": "object"
              },
              "rm_enabled": {
               "type": "boolean"
              },
              "search": {
               "properties": {
                "follow_related_wksp": {
                 "enum": [
                  "Disabled",
                  "Enabled",
                  "AlwaysEnabled"
                 ],
                 "type": "string"
                },
                "max_number_of_followed_wksp": {
                 "type": "integer"
                }
               },
               "type": "object"
              },
              "widget_icon": {
               "properties": {
                "url": {
                 "type": "string"
                }
               },
               "type": "object"
              },
              "wksp_copy_enabled": {
               "type": "boolean"
              },
              "wksp_creation": {
               "properties": {
                "create_wksp_with_fast_bulk_method": {
                 "type": "boolean"
                },
                "directly_open_created_wksp": {
                 "type": "boolean"
                },
                "location": {
                 "enum": [
                  "CurrentNode",
                  "StaticNodeId",
                  "BusinessProperty",
                  "CategoryAttribute"
                 ],
                 "type": "string"
                },
                "location_value": {
                 "type": "string"
                },
                "sub_location_path": {
                 "properties": {
                  "location": {
                   "enum": [
                    "None",
                    "Pattern\""
                   ],
                   "type": "string"
                  },
                  "location_value": {
                   "type": "string"
                  }
                 },
                 "type": "object"
                },
                "use_also_for_manual_creation": {
                 "type": "boolean"
                }
               },
               "type": "object"
              },
              "wksp_creation_enabled": {
               "type": "boolean"
              },
              "wksp_descriptions": {
               "properties": {
                "de": {
                 "type": "string"
                },
                "en": {
                 "type": "string"
                }
               },
               "type": "object"
              },
              "wksp_icon": {
               "type": "string"
              },
              "wksp_name_generation": {
               "properties": {
                "use_also_for_wksp_without_bo": {
                 "type": "boolean"
                },
                "wksp_names": {
                 "properties": {
                  "de": {
                   "type": "string"
                  },
                  "en": {
                   "type": "string"
                  }
                 },
                 "type": "object"
                }
               },
               "type": "object"
              },
              "wksp_policies_enabled": {
               "type": "boolean"
              },
              "wksp_type_id": {
               "type": "integer"
              },
              "wksp_type_name": {
               "type": "string"
              },
              "wksp_type_names": {
               "properties": {
                "de": {
                 "type": "string"
                },
                "en": {
                 "type": "string"
                }
               },
               "type": "object"
              }
             },
             "type": "object"
            },
            "wksp_info": {
             "properties": {
              "in_use": {
               "type": "boolean"
              },
              "indexing_status": {
               "enum": [
                "UpToDate",
                "ReindexingRequired"
               ],
               "type": "string"
              },
              "modified": {
               "type": "string"
              },
              "perspective_folder_id": {
               "type": "integer"
              },
              "wksp_type_icon": {
               "type": "string"
              }
             },
             "type": "object"
            }
           },
           "type": "object"
          }
         },
         "type": "object"
        },
        "type": "array"
       }
      },
      "type": "object"
     }
    },
    "400": {
     "contentTypes": [
      "application/json"
     ],
     "schema": {
      "properties": {
       "error": {
        "type": "string"
       }
      },
      "type": "object"
     }
    },
    "401": {
     "contentTypes": []
    },
    "404": {
     "contentTypes": [
      "application/json"
     ],
     "schema": {
      "properties": {
       "error": {
        "type": "string"
       }
      },
      "type": "object"
     }
    },
    "500": {
     "contentTypes": [
      "application/json"
     ],
     "schema": {
      "properties": {
       "error": {
        "type": "string"
       }
      },
      "type": "object"
     }
    }
   }
  },
  {
   "key": "GET /api/v2/businessworkspacetypes/{id}",
   "method": "GET",
   "path": "/api/v2/businessworkspacetypes/{id}",
   "source": {
    "document": "business-workspaces",
    "path": "/v2/businessworkspacetypes/{workspace_type_id}",
    "operationId": "getBusinessWorkspaceType",
    "renamedPathParams": {
     "workspace_type_id": "id"
    }
   },
   "parameters": [
    {
     "name": "id",
     "in": "path",
     "required": true,
     "schema": {
      "type": "integer"
     }
    },
    {
     "name": "expand_templates",
     "in": "query",
     "required": false,
     "schema": {
      "default": false,
      "type": "boolean"
     }
    },
    {
     "name": "expand_wksp_info",
     "in": "query",
     "required": false,
     "schema": {
      "default": true,
      "type": "boolean"
     }
    }
   ],
   "responses": {
    "200": {
     "contentTypes": [
      "application/json"
     ],
     "schema": {
      "properties": {
       "links": {
        "properties": {
         "data": {
          "properties": {
           "self": {
            "properties": {
             "body": {
              "type": "string"
             },
             "content_type": {
              "type": "string"
             },
             "href": {
              "type": "string"
             },
             "method": {
              "type": "string"
             },
             "name": {
              "type": "string"
             }
            },
            "type": "object"
           }
          },
          "type": "object"
         }
        },
        "type": "object"
       },
       "results": {
        "properties": {
         "data": {
          "properties": {
           "properties": {
            "properties": {
             "add_creator_to_lead_role": {
              "type": "boolean"
             },
             "aviator_enabled": {
              "type": "boolean"
             },
             "classification": {
              "properties": {
               "location": {
                "enum": [
                 "None",
                 "StaticNodeId",
                 "BusinessProperty",
                 "CategoryAttribute"
                ],
                "type": "string"
               },
               "location_value": {
                "type": "string"
               }
              },
              "type": "object"
             },
             "config_node_id": {
              "type": "integer"
             },
             "external_document_storage": {
              "properties": {
               "rm_classification": {
                "properties": {
                 "location": {
                  "enum": [
                   "None",
                   "StaticNodeId",
                   "CategoryAttribute"
                  ],
                  "type": "string"
                 },
                 "location_value": {
                  "type": "string"
                 }
                },
                "type": "object"
               },
               "sub_location_path": {
                "properties": {
                 "location": {
                  "enum": [
                   "None",
                   "Pattern"
                  ],
                  "type": "string"
                 },
                 "location_value": {
                  "type": "string"
                 }
                },
                "type": "object"
               }
              },
              "type": "object"
             },
             "indexing": {
              "properties": {
               "enabled": {
                "type": "boolean"
               },
               "sub_types": {
                "items": {
                 "type": "integer"
                },
                "type": "array"
               }
              },
              "type": "object"
             },
             "rm_enabled": {
              "type": "boolean"
             },
             "search": {
              "properties": {
               "follow_related_wksp": {
                "enum": [
                 "Disabled",
                 "Enabled",
                 "AlwaysEnabled"
                ],
                "type": "string"
               },
               "max_number_of_followed_wksp": {
                "type": "integer"
               }
              },
              "type": "object"
             },
             "widget_icon": {
              "properties": {
               "url": {
                "type": "string"
               }
              },
              "type": "object"
             },
             "wksp_copy_enabled": {
              "type": "boolean"
             },
             "wksp_creation": {
              "properties": {
               "create_wksp_with_fast_bulk_method": {
                "type": "boolean"
               },
               "directly_open_created_wksp": {
                "type": "boolean"
               },
               "location": {
                "enum": [
                 "CurrentNode",
                 "StaticNodeId",
                 "BusinessProperty",
                 "CategoryAttribute"
                ],
                "type": "string"
               },
               "location_value": {
                "type": "string"
               },
               "sub_location_path": {
                "properties": {
                 "location": {
                  "enum": [
                   "None",
                   "Pattern\""
                  ],
                  "type": "string"
                 },
                 "location_value": {
                  "type": "string"
                 }
                },
                "type": "object"
               },
               "use_also_for_manual_creation": {
                "type": "boolean"
               }
              },
              "type": "object"
             },
             "wksp_creation_enabled": {
              "type": "boolean"
             },
             "wksp_descriptions": {
              "properties": {
               "de": {
                "type": "string"
               },
               "en": {
                "type": "string"
               }
              },
              "type": "object"
             },
             "wksp_icon": {
              "type": "string"
             },
             "wksp_name_generation": {
              "properties": {
               "use_also_for_wksp_without_bo": {
                "type": "boolean"
               },
               "wksp_names": {
                "properties": {
                 "de": {
                  "type": "string"
                 },
                 "en": {
                  "type": "string"
                 }
                },
                "type": "object"
               }
              },
              "type": "object"
             },
             "wksp_policies_enabled": {
              "type": "boolean"
             },
             "wksp_type_id": {
              "type": "integer"
             },
             "wksp_type_name": {
              "type": "string"
             },
             "wksp_type_names": {
              "properties": {
               "de": {
                "type": "string"
               },
               "en": {
                "type": "string"
               }
              },
              "type": "object"
             }
            },
            "type": "object"
           },
           "wksp_info": {
            "properties": {
             "in_use": {
              "type": "boolean"
             },
             "indexing_status": {
              "enum": [
               "UpToDate",
               "ReindexingRequired"
              ],
              "type": "string"
             },
             "modified": {
              "type": "string"
             },
             "perspective_folder_id": {
              "type": "integer"
             },
             "wksp_type_icon": {
              "type": "string"
             }
            },
            "type": "object"
           }
          },
          "type": "object"
         }
        },
        "type": "object"
       }
      },
      "type": "object"
     }
    },
    "400": {
     "contentTypes": [
      "application/json"
     ],
     "schema": {
      "properties": {
       "error": {
        "type": "string"
       }
      },
      "type": "object"
     }
    },
    "401": {
     "contentTypes": []
    },
    "404": {
     "contentTypes": [
      "application/json"
     ],
     "schema": {
      "properties": {
       "error": {
        "type": "string"
       }
      },
      "type": "object"
     }
    },
    "500": {
     "contentTypes": [
      "application/json"
     ],
     "schema": {
      "properties": {
       "error": {
        "type": "string"
       }
      },
      "type": "object"
     }
    }
   }
  },
  {
   "key": "GET /api/v2/forms/businessworkspaces/create",
   "method": "GET",
   "path": "/api/v2/forms/businessworkspaces/create",
   "source": {
    "document": "business-workspaces",
    "path": "/v2/forms/businessworkspaces/create",
    "operationId": "getBusinessWorkspaceCreateForm"
   },
   "parameters": [
    {
     "name": "bo_id",
     "in": "query",
     "required": false,
     "schema": {
      "type": "integer"
     }
    },
    {
     "name": "bo_type",
     "in": "query",
     "required": false,
     "schema": {
      "type": "string"
     }
    },
    {
     "name": "bo_type_id",
     "in": "query",
     "required": false,
     "schema": {
      "type": "integer"
     }
    },
    {
     "name": "completeWorkspace",
     "in": "query",
     "required": false,
     "schema": {
      "type": "boolean"
     }
    },
    {
     "name": "ext_system_id",
     "in": "query",
     "required": false,
     "schema": {
      "type": "string"
     }
    },
    {
     "name": "parent_id",
     "in": "query",
     "required": false,
     "schema": {
      "type": "integer"
     }
    },
    {
     "name": "template_id",
     "in": "query",
     "required": false,
     "schema": {
      "type": "integer"
     }
    }
   ],
   "responses": {
    "200": {
     "contentTypes": [
      "application/json"
     ],
     "schema": {
      "properties": {
       "forms": {
        "items": {
         "properties": {
          "data": {
           "properties": {},
           "type": "object"
          },
          "options": {
           "properties": {
            "fields": {
             "properties": {},
             "type": "object"
            }
           },
           "type": "object"
          },
          "role_name": {
           "type": "string"
          },
          "schema": {
           "properties": {
            "properties": {
             "properties": {},
             "type": "object"
            }
           },
           "type": "object"
          }
         },
         "type": "object"
        },
        "type": "array"
       }
      },
      "type": "object"
     }
    },
    "400": {
     "contentTypes": [
      "application/json"
     ],
     "schema": {
      "properties": {
       "error": {
        "type": "string"
       }
      },
      "type": "object"
     }
    },
    "401": {
     "contentTypes": []
    },
    "404": {
     "contentTypes": [
      "application/json"
     ],
     "schema": {
      "properties": {
       "error": {
        "type": "string"
       }
      },
      "type": "object"
     }
    },
    "500": {
     "contentTypes": [
      "application/json"
     ],
     "schema": {
      "properties": {
       "error": {
        "type": "string"
       }
      },
      "type": "object"
     }
    }
   }
  },
  {
   "key": "GET /api/v2/holds",
   "method": "GET",
   "path": "/api/v2/holds",
   "source": {
    "document": "records-management",
    "path": "/v2/holds",
    "operationId": "getHolds"
   },
   "parameters": [
    {
     "name": "limit",
     "in": "query",
     "required": true,
     "schema": {
      "type": "integer"
     }
    },
    {
     "name": "page",
     "in": "query",
     "required": true,
     "schema": {
      "type": "integer"
     }
    }
   ],
   "responses": {
    "200": {
     "contentTypes": [
      "application/json"
     ],
     "schema": {
      "properties": {
       "collection": {
        "properties": {
         "paging": {
          "properties": {
           "limit": {
            "type": "integer"
           },
           "page": {
            "type": "integer"
           },
           "page_total": {
            "type": "integer"
           },
           "total_count": {
            "type": "integer"
           }
          },
          "type": "object"
         }
        },
        "type": "object"
       },
       "results": {
        "properties": {
         "data": {
          "properties": {
           "holds": {
            "items": {
             "properties": {
              "ActiveHold": {
               "type": "integer"
              },
              "AlternateHoldID": {
               "type": "integer"
              },
              "ApplyPatron": {
               "type": "string"
              },
              "DateApplied": {
               "pattern": "YYYY-MM-DDTHH:mm:ss",
               "type": "string"
              },
              "DateRemoved": {
               "pattern": "YYYY-MM-DDTHH:mm:ss",
               "type": "string"
              },
              "DateToRemove": {
               "pattern": "YYYY-MM-DDTHH:mm:ss",
               "type": "string"
              },
              "EditDate": {
               "pattern": "YYYY-MM-DDTHH:mm:ss",
               "type": "string"
              },
              "EditPatron": {
               "type": "string"
              },
              "HoldComment": {
               "type": "string"
              },
              "HoldID": {
               "type": "integer"
              },
              "HoldName": {
               "type": "string"
              },
              "HoldType": {
               "type": "string"
              },
              "OBJECT": {
               "type": "integer"
              },
              "ParentID": {
               "type": "integer"
              },
              "RemovalComment": {
               "type": "string"
              },
              "RemovalPatron": {
               "type": "string"
              }
             },
             "type": "object"
            },
            "type": "array"
           }
          },
          "type": "object"
         }
        },
        "type": "object"
       }
      },
      "type": "object"
     }
    },
    "400": {
     "contentTypes": [
      "application/json"
     ],
     "schema": {
      "properties": {
       "results": {
        "properties": {
         "errMsg": {
          "type": "string"
         },
         "id": {
          "type": "integer"
         },
         "ok": {
          "type": "boolean"
         }
        },
        "type": "object"
       }
      },
      "type": "object"
     }
    },
    "401": {
     "contentTypes": [
      "application/json"
     ],
     "schema": {
      "properties": {
       "results": {
        "properties": {
         "errMsg": {
          "type": "string"
         },
         "id": {
          "type": "integer"
         },
         "ok": {
          "type": "boolean"
         }
        },
        "type": "object"
       }
      },
      "type": "object"
     }
    }
   }
  },
  {
   "key": "POST /api/v2/nodes",
   "method": "POST",
   "path": "/api/v2/nodes",
   "source": {
    "document": "content-server",
    "path": "/v2/nodes",
    "operationId": "createNode2"
   },
   "parameters": [],
   "requestBody": {
    "required": true,
    "content": {
     "application/x-www-form-urlencoded": {
      "properties": {
       "advanced_versioning": {
        "type": "boolean"
       },
       "assigned_member_id": {
        "type": "integer"
       },
       "attachment_id": {
        "type": "string"
       },
       "attachments": {
        "type": "integer"
       },
       "complete_date": {
        "format": "date",
        "type": "string"
       },
       "default_template": {
        "type": "boolean"
       },
       "description": {
        "type": "string"
       },
       "due_date": {
        "format": "date-time",
        "type": "string"
       },
       "effective_date": {
        "format": "date",
        "type": "string"
       },
       "expiration_date": {
        "format": "date",
        "type": "string"
       },
       "external_create_date": {
        "format": "date",
        "type": "string"
       },
       "external_identity": {
        "type": "string"
       },
       "external_identity_type": {
        "enum": [
         "email_address",
         "domain_userid",
         "generic_userid",
         "name",
         "last_name",
         "windows_sid",
         "guid",
         "phone_number",
         "ldap_name",
         "exchange_mailboxid"
        ],
        "type": "string"
       },
       "external_modify_date": {
        "format": "date",
        "type": "string"
       },
       "external_source": {
        "enum": [
         "file_system",
         "mobile_device",
         "scanner",
         "fax",
         "ftp",
         "shared_drive",
         "removable_disk",
         "backup_media",
         "optical_disk",
         "onedrive",
         "cloud_storage",
         "camera",
         "email_server",
         "elink",
         "opentext_core",
         "edocs",
         "sap",
         "document_management",
         "exchange_mailbox",
         "notes_mailbox",
         "outlook_pst",
         "file_stream",
         "mailbox_other"
        ],
        "type": "string"
       },
       "file": {
        "format": "binary",
        "type": "string"
       },
       "goals": {
        "type": "string"
       },
       "headline": {
        "type": "string"
       },
       "highlights": {
        "type": "string"
       },
       "image_alt_text": {
        "type": "string"
       },
       "image_id": {
        "type": "integer"
       },
       "initiatives": {
        "type": "string"
       },
       "instructions": {
        "type": "string"
       },
       "location_column_visible": {
        "type": "boolean"
       },
       "location_id": {
        "type": "integer"
       },
       "milestone_id": {
        "type": "integer"
       },
       "mission": {
        "type": "string"
       },
       "name": {
        "type": "string"
       },
       "objectives": {
        "type": "string"
       },
       "original_id": {
        "type": "integer"
       },
       "parent_id": {
        "type": "integer"
       },
       "priority": {
        "type": "integer"
       },
       "search_cache_id": {
        "type": "integer"
       },
       "selected_facets": {
        "type": "string"
       },
       "selected_facets_visible": {
        "type": "boolean"
       },
       "selected_location_visible": {
        "type": "boolean"
       },
       "start_date": {
        "format": "date",
        "type": "string"
       },
       "status": {
        "type": "integer"
       },
       "story": {
        "type": "string"
       },
       "type": {
        "type": "integer"
       },
       "upload_key": {
        "type": "string"
       },
       "url": {
        "type": "string"
       },
       "version_number": {
        "type": "string"
       }
      },
      "type": "object"
     }
    }
   },
   "responses": {
    "200": {
     "contentTypes": [
      "application/json"
     ],
     "schema": {
      "properties": {
       "links": {
        "items": {
         "properties": {
          "data": {
           "items": {
            "properties": {
             "self": {
              "items": {
               "properties": {
                "body": {
                 "type": "string"
                },
                "content_type": {
                 "type": "string"
                },
                "href": {
                 "type": "string"
                },
                "method": {
                 "type": "string"
                },
                "name": {
                 "type": "string"
                }
               },
               "type": "object"
              },
              "type": "array"
             }
            },
            "type": "object"
           },
           "type": "array"
          }
         },
         "type": "object"
        },
        "type": "array"
       },
       "results": {
        "items": {
         "properties": {
          "data": {
           "items": {
            "properties": {
             "properties": {
              "items": {
               "properties": {
                "advanced_versioning": {
                 "type": "boolean"
                },
                "container": {
                 "type": "boolean"
                },
                "container_size": {
                 "type": "integer"
                },
                "create_date": {
                 "type": "string"
                },
                "create_user_id": {
                 "type": "integer"
                },
                "description": {
                 "type": "string"
                },
                "description_multilingual": {
                 "properties": {
                  "de": {
                   "type": "string"
                  },
                  "en": {
                   "type": "string"
                  }
                 },
                 "type": "object"
                },
                "external_create_date": {
                 "format": "date",
                 "type": "string"
                },
                "external_identity": {
                 "type": "string"
                },
                "external_identity_type": {
                 "type": "string"
                },
                "external_modify_date": {
                 "format": "date",
                 "type": "string"
                },
                "external_source": {
                 "type": "string"
                },
                "favorite": {
                 "type": "boolean"
                },
                "guid": {
                 "type": "string"
                },
                "hidden": {
                 "type": "boolean"
                },
                "icon": {
                 "type": "string"
                },
                "icon_large": {
                 "type": "string"
                },
                "id": {
                 "type": "integer"
                },
                "modify_date": {
                 "format": "date",
                 "type": "string"
                },
                "modify_user_id": {
                 "type": "integer"
                },
                "name": {
                 "type": "string"
                },
                "name_multilingual": {
                 "properties": {
                  "de": {
                   "type": "string"
                  },
                  "en": {
                   "type": "string"
                  }
                 },
                 "type": "object"
                },
                "owner": {
                 "type": "string"
                },
                "owner_group_id": {
                 "type": "integer"
                },
                "owner_user_id": {
                 "type": "integer"
                },
                "parent_id": {
                 "type": "integer"
                },
                "reserved": {
                 "type": "boolean"
                },
                "reserved_date": {
                 "type": "string"
                },
                "reserved_user_id": {
                 "type": "integer"
                },
                "status": {
                 "type": "integer"
                },
                "type": {
                 "type": "integer"
                },
                "type_name": {
                 "type": "string"
                },
                "versionable": {
                 "type": "boolean"
                },
                "versions_control_advanced": {
                 "type": "boolean"
                },
                "volume_id": {
                 "type": "integer"
                }
               },
               "type": "object"
              },
              "type": "array"
             }
            },
            "type": "object"
           },
           "type": "array"
          }
         },
         "type": "object"
        },
        "type": "array"
       }
      },
      "type": "object"
     }
    },
    "400": {
     "contentTypes": []
    },
    "401": {
     "contentTypes": []
    },
    "500": {
     "contentTypes": []
    }
   }
  },
  {
   "key": "DELETE /api/v2/nodes/{id}",
   "method": "DELETE",
   "path": "/api/v2/nodes/{id}",
   "source": {
    "document": "content-server",
    "path": "/v2/nodes/{id}",
    "operationId": "deleteNode2"
   },
   "parameters": [
    {
     "name": "id",
     "in": "path",
     "required": true,
     "schema": {
      "type": "integer"
     }
    }
   ],
   "responses": {
    "200": {
     "contentTypes": [
      "application/json"
     ],
     "schema": {
      "properties": {
       "links": {
        "items": {
         "properties": {
          "data": {
           "items": {
            "properties": {
             "self": {
              "items": {
               "properties": {
                "body": {
                 "type": "string"
                },
                "content_type": {
                 "type": "string"
                },
                "href": {
                 "type": "string"
                },
                "method": {
                 "type": "string"
                },
                "name": {
                 "type": "string"
                }
               },
               "type": "object"
              },
              "type": "array"
             }
            },
            "type": "object"
           },
           "type": "array"
          }
         },
         "type": "object"
        },
        "type": "array"
       },
       "results": {
        "items": {
         "type": "object"
        },
        "type": "array"
       }
      },
      "type": "object"
     }
    },
    "400": {
     "contentTypes": []
    },
    "401": {
     "contentTypes": []
    },
    "500": {
     "contentTypes": []
    }
   }
  },
  {
   "key": "GET /api/v2/nodes/{id}",
   "method": "GET",
   "path": "/api/v2/nodes/{id}",
   "source": {
    "document": "content-server",
    "path": "/v2/nodes/{id}",
    "operationId": "getNode2"
   },
   "parameters": [
    {
     "name": "id",
     "in": "path",
     "required": true,
     "schema": {
      "type": "integer"
     }
    },
    {
     "name": "actions",
     "in": "query",
     "required": false,
     "schema": {
      "type": "string"
     }
    },
    {
     "name": "expand",
     "in": "query",
     "required": false,
     "schema": {
      "type": "string"
     }
    },
    {
     "name": "fields",
     "in": "query",
     "required": false,
     "schema": {
      "type": "string"
     }
    },
    {
     "name": "metadata",
     "in": "query",
     "required": false,
     "schema": {
      "nullable": true,
      "type": "string"
     }
    },
    {
     "name": "perspective",
     "in": "query",
     "required": false,
     "schema": {
      "type": "boolean"
     }
    },
    {
     "name": "reference_id",
     "in": "query",
     "required": false,
     "schema": {
      "type": "integer"
     }
    },
    {
     "name": "state",
     "in": "query",
     "required": false,
     "schema": {
      "nullable": true,
      "type": "string"
     }
    },
    {
     "name": "suppress_response_codes",
     "in": "query",
     "required": false,
     "schema": {
      "nullable": true,
      "type": "string"
     }
    }
   ],
   "responses": {
    "200": {
     "contentTypes": [
      "application/json"
     ],
     "schema": {
      "properties": {
       "links": {
        "items": {
         "properties": {
          "data": {
           "items": {
            "properties": {
             "self": {
              "items": {
               "properties": {
                "body": {
                 "type": "string"
                },
                "content_type": {
                 "type": "string"
                },
                "href": {
                 "type": "string"
                },
                "method": {
                 "type": "string"
                },
                "name": {
                 "type": "string"
                }
               },
               "type": "object"
              },
              "type": "array"
             }
            },
            "type": "object"
           },
           "type": "array"
          }
         },
         "type": "object"
        },
        "type": "array"
       },
       "results": {
        "items": {
         "properties": {
          "data": {
           "items": {
            "properties": {
             "columns": {
              "items": {
               "properties": {
                "data_type": {
                 "type": "integer"
                },
                "key": {
                 "type": "string"
                },
                "name": {
                 "type": "string"
                },
                "sort_key": {
                 "type": "string"
                }
               },
               "type": "object"
              },
              "type": "array"
             },
             "properties": {
              "items": {
               "properties": {
                "advanced_versioning": {
                 "type": "boolean"
                },
                "container": {
                 "type": "boolean"
                },
                "container_size": {
                 "type": "integer"
                },
                "create_date": {
                 "type": "string"
                },
                "create_user_id": {
                 "type": "integer"
                },
                "description": {
                 "type": "string"
                },
                "description_multilingual": {
                 "properties": {
                  "de": {
                   "type": "string"
                  },
                  "en": {
                   "type": "string"
                  }
                 },
                 "type": "object"
                },
                "external_create_date": {
                 "format": "date",
                 "type": "string"
                },
                "external_identity": {
                 "type": "string"
                },
                "external_identity_type": {
                 "type": "string"
                },
                "external_modify_date": {
                 "format": "date",
                 "type": "string"
                },
                "external_source": {
                 "type": "string"
                },
                "favorite": {
                 "type": "boolean"
                },
                "guid": {
                 "type": "string"
                },
                "hidden": {
                 "type": "boolean"
                },
                "icon": {
                 "type": "string"
                },
                "icon_large": {
                 "type": "string"
                },
                "id": {
                 "type": "integer"
                },
                "modify_date": {
                 "format": "date",
                 "type": "string"
                },
                "modify_user_id": {
                 "type": "integer"
                },
                "name": {
                 "type": "string"
                },
                "name_multilingual": {
                 "properties": {
                  "de": {
                   "type": "string"
                  },
                  "en": {
                   "type": "string"
                  }
                 },
                 "type": "object"
                },
                "owner": {
                 "type": "string"
                },
                "owner_group_id": {
                 "type": "integer"
                },
                "owner_user_id": {
                 "type": "integer"
                },
                "parent_id": {
                 "type": "integer"
                },
                "reserved": {
                 "type": "boolean"
                },
                "reserved_date": {
                 "type": "string"
                },
                "reserved_user_id": {
                 "type": "integer"
                },
                "status": {
                 "type": "integer"
                },
                "type": {
                 "type": "integer"
                },
                "type_name": {
                 "type": "string"
                },
                "versionable": {
                 "type": "boolean"
                },
                "versions_control_advanced": {
                 "type": "boolean"
                },
                "volume_id": {
                 "type": "integer"
                }
               },
               "type": "object"
              },
              "type": "array"
             }
            },
            "type": "object"
           },
           "type": "array"
          }
         },
         "type": "object"
        },
        "type": "array"
       }
      },
      "type": "object"
     }
    },
    "400": {
     "contentTypes": []
    },
    "401": {
     "contentTypes": []
    }
   }
  },
  {
   "key": "PUT /api/v2/nodes/{id}",
   "method": "PUT",
   "path": "/api/v2/nodes/{id}",
   "source": {
    "document": "content-server",
    "path": "/v2/nodes/{id}",
    "operationId": "updateNode2"
   },
   "parameters": [
    {
     "name": "id",
     "in": "path",
     "required": true,
     "schema": {
      "type": "integer"
     }
    }
   ],
   "requestBody": {
    "required": true,
    "content": {
     "application/x-www-form-urlencoded": {
      "properties": {
       "apply_to": {
        "enum": [
         0,
         1,
         2
        ],
        "type": "integer"
       },
       "collection_id": {
        "type": "integer"
       },
       "default_template": {
        "type": "boolean"
       },
       "description": {
        "type": "string"
       },
       "description_multilingual": {
        "type": "string"
       },
       "metadata_token": {
        "type": "string"
       },
       "name": {
        "type": "string"
       },
       "name_multilingual": {
        "type": "string"
       },
       "operation": {
        "type": "string"
       },
       "parent_id": {
        "type": "integer"
       },
       "reserved_user_id": {
        "type": "integer"
       },
       "search_cache_id": {
        "type": "integer"
       },
       "versions_control_advanced": {
        "type": "boolean"
       }
      },
      "type": "object"
     }
    }
   },
   "responses": {
    "200": {
     "contentTypes": [
      "application/json"
     ],
     "schema": {
      "properties": {
       "links": {
        "items": {
         "properties": {
          "data": {
           "items": {
            "properties": {
             "self": {
              "items": {
               "properties": {
                "body": {
                 "type": "string"
                },
                "content_type": {
                 "type": "string"
                },
                "href": {
                 "type": "string"
                },
                "method": {
                 "type": "string"
                },
                "name": {
                 "type": "string"
                }
               },
               "type": "object"
              },
              "type": "array"
             }
            },
            "type": "object"
           },
           "type": "array"
          }
         },
         "type": "object"
        },
        "type": "array"
       },
       "results": {
        "items": {
         "type": "object"
        },
        "type": "array"
       }
      },
      "type": "object"
     }
    },
    "400": {
     "contentTypes": []
    },
    "401": {
     "contentTypes": []
    },
    "409": {
     "contentTypes": []
    }
   }
  },
  {
   "key": "GET /api/v2/nodes/{id}/categories",
   "method": "GET",
   "path": "/api/v2/nodes/{id}/categories",
   "source": {
    "document": "content-server",
    "path": "/v2/nodes/{id}/categories",
    "operationId": "getCategories2"
   },
   "parameters": [
    {
     "name": "id",
     "in": "path",
     "required": true,
     "schema": {
      "type": "integer"
     }
    },
    {
     "name": "metadata",
     "in": "query",
     "required": false,
     "schema": {
      "nullable": true,
      "type": "string"
     }
    },
    {
     "name": "suppress_response_codes",
     "in": "query",
     "required": false,
     "schema": {
      "nullable": true,
      "type": "string"
     }
    }
   ],
   "responses": {
    "200": {
     "contentTypes": [
      "application/json"
     ],
     "schema": {
      "properties": {
       "links": {
        "items": {
         "properties": {
          "data": {
           "items": {
            "properties": {
             "self": {
              "items": {
               "properties": {
                "body": {
                 "type": "string"
                },
                "content_type": {
                 "type": "string"
                },
                "href": {
                 "type": "string"
                },
                "method": {
                 "type": "string"
                },
                "name": {
                 "type": "string"
                }
               },
               "type": "object"
              },
              "type": "array"
             }
            },
            "type": "object"
           },
           "type": "array"
          }
         },
         "type": "object"
        },
        "type": "array"
       },
       "results": {
        "items": {
         "properties": {
          "data": {
           "items": {
            "properties": {
             "categories": {
              "items": {
               "type": "object"
              },
              "type": "array"
             }
            },
            "type": "object"
           },
           "type": "array"
          }
         },
         "type": "object"
        },
        "type": "array"
       }
      },
      "type": "object"
     }
    },
    "400": {
     "contentTypes": []
    },
    "401": {
     "contentTypes": []
    },
    "500": {
     "contentTypes": []
    }
   }
  },
  {
   "key": "POST /api/v2/nodes/{id}/categories",
   "method": "POST",
   "path": "/api/v2/nodes/{id}/categories",
   "source": {
    "document": "content-server",
    "path": "/v2/nodes/{id}/categories",
    "operationId": "addCategory2"
   },
   "parameters": [
    {
     "name": "id",
     "in": "path",
     "required": true,
     "schema": {
      "type": "integer"
     }
    }
   ],
   "requestBody": {
    "required": true,
    "content": {
     "application/x-www-form-urlencoded": {
      "properties": {
       "category_id": {
        "type": "string"
       },
       "{attribute_key}": {
        "type": "string"
       }
      },
      "type": "object"
     }
    }
   },
   "responses": {
    "200": {
     "contentTypes": [
      "application/json"
     ],
     "schema": {
      "properties": {
       "links": {
        "items": {
         "properties": {
          "data": {
           "items": {
            "properties": {
             "self": {
              "items": {
               "properties": {
                "body": {
                 "type": "string"
                },
                "content_type": {
                 "type": "string"
                },
                "href": {
                 "type": "string"
                },
                "method": {
                 "type": "string"
                },
                "name": {
                 "type": "string"
                }
               },
               "type": "object"
              },
              "type": "array"
             }
            },
            "type": "object"
           },
           "type": "array"
          }
         },
         "type": "object"
        },
        "type": "array"
       },
       "results": {
        "items": {
         "type": "object"
        },
        "type": "array"
       }
      },
      "type": "object"
     }
    },
    "400": {
     "contentTypes": []
    },
    "401": {
     "contentTypes": []
    },
    "500": {
     "contentTypes": []
    }
   }
  },
  {
   "key": "DELETE /api/v2/nodes/{id}/categories/{category_id}",
   "method": "DELETE",
   "path": "/api/v2/nodes/{id}/categories/{category_id}",
   "source": {
    "document": "content-server",
    "path": "/v2/nodes/{id}/categories/{category_id}/",
    "operationId": "deleteCategory2"
   },
   "parameters": [
    {
     "name": "category_id",
     "in": "path",
     "required": true,
     "schema": {
      "type": "string"
     }
    },
    {
     "name": "id",
     "in": "path",
     "required": true,
     "schema": {
      "type": "integer"
     }
    }
   ],
   "responses": {
    "200": {
     "contentTypes": [
      "application/json"
     ],
     "schema": {
      "properties": {
       "links": {
        "items": {
         "properties": {
          "data": {
           "items": {
            "properties": {
             "self": {
              "items": {
               "properties": {
                "body": {
                 "type": "string"
                },
                "content_type": {
                 "type": "string"
                },
                "href": {
                 "type": "string"
                },
                "method": {
                 "type": "string"
                },
                "name": {
                 "type": "string"
                }
               },
               "type": "object"
              },
              "type": "array"
             }
            },
            "type": "object"
           },
           "type": "array"
          }
         },
         "type": "object"
        },
        "type": "array"
       },
       "results": {
        "items": {
         "type": "object"
        },
        "type": "array"
       }
      },
      "type": "object"
     }
    },
    "400": {
     "contentTypes": []
    },
    "401": {
     "contentTypes": []
    },
    "500": {
     "contentTypes": []
    }
   }
  },
  {
   "key": "GET /api/v2/nodes/{id}/categories/{category_id}",
   "method": "GET",
   "path": "/api/v2/nodes/{id}/categories/{category_id}",
   "source": {
    "document": "content-server",
    "path": "/v2/nodes/{id}/categories/{category_id}/",
    "operationId": "getCategory2"
   },
   "parameters": [
    {
     "name": "category_id",
     "in": "path",
     "required": true,
     "schema": {
      "type": "string"
     }
    },
    {
     "name": "id",
     "in": "path",
     "required": true,
     "schema": {
      "type": "integer"
     }
    },
    {
     "name": "metadata",
     "in": "query",
     "required": false,
     "schema": {
      "nullable": true,
      "type": "string"
     }
    },
    {
     "name": "suppress_response_codes",
     "in": "query",
     "required": false,
     "schema": {
      "nullable": true,
      "type": "string"
     }
    }
   ],
   "responses": {
    "200": {
     "contentTypes": [
      "application/json"
     ],
     "schema": {
      "properties": {
       "links": {
        "items": {
         "properties": {
          "data": {
           "items": {
            "properties": {
             "self": {
              "items": {
               "properties": {
                "body": {
                 "type": "string"
                },
                "content_type": {
                 "type": "string"
                },
                "href": {
                 "type": "string"
                },
                "method": {
                 "type": "string"
                },
                "name": {
                 "type": "string"
                }
               },
               "type": "object"
              },
              "type": "array"
             }
            },
            "type": "object"
           },
           "type": "array"
          }
         },
         "type": "object"
        },
        "type": "array"
       },
       "results": {
        "items": {
         "properties": {
          "data": {
           "items": {
            "properties": {
             "categories": {
              "items": {
               "type": "object"
              },
              "type": "array"
             }
            },
            "type": "object"
           },
           "type": "array"
          }
         },
         "type": "object"
        },
        "type": "array"
       }
      },
      "type": "object"
     }
    },
    "400": {
     "contentTypes": []
    },
    "401": {
     "contentTypes": []
    },
    "500": {
     "contentTypes": []
    }
   }
  },
  {
   "key": "PUT /api/v2/nodes/{id}/categories/{category_id}",
   "method": "PUT",
   "path": "/api/v2/nodes/{id}/categories/{category_id}",
   "source": {
    "document": "content-server",
    "path": "/v2/nodes/{id}/categories/{category_id}/",
    "operationId": "updateCategory2"
   },
   "parameters": [
    {
     "name": "category_id",
     "in": "path",
     "required": true,
     "schema": {
      "type": "string"
     }
    },
    {
     "name": "id",
     "in": "path",
     "required": true,
     "schema": {
      "type": "integer"
     }
    }
   ],
   "requestBody": {
    "required": true,
    "content": {
     "application/x-www-form-urlencoded": {
      "properties": {
       "metadata_token": {
        "type": "string"
       },
       "{category_id}_1": {
        "type": "string"
       }
      },
      "type": "object"
     }
    }
   },
   "responses": {
    "200": {
     "contentTypes": [
      "application/json"
     ],
     "schema": {
      "properties": {
       "links": {
        "items": {
         "properties": {
          "data": {
           "items": {
            "properties": {
             "self": {
              "items": {
               "properties": {
                "body": {
                 "type": "string"
                },
                "content_type": {
                 "type": "string"
                },
                "href": {
                 "type": "string"
                },
                "method": {
                 "type": "string"
                },
                "name": {
                 "type": "string"
                }
               },
               "type": "object"
              },
              "type": "array"
             }
            },
            "type": "object"
           },
           "type": "array"
          }
         },
         "type": "object"
        },
        "type": "array"
       },
       "results": {
        "items": {
         "type": "object"
        },
        "type": "array"
       }
      },
      "type": "object"
     }
    },
    "400": {
     "contentTypes": []
    },
    "401": {
     "contentTypes": []
    },
    "409": {
     "contentTypes": []
    },
    "500": {
     "contentTypes": []
    }
   }
  },
  {
   "key": "GET /api/v2/nodes/{id}/content",
   "method": "GET",
   "path": "/api/v2/nodes/{id}/content",
   "source": {
    "document": "content-server",
    "path": "/v2/nodes/{id}/content",
    "operationId": "getContent3"
   },
   "parameters": [
    {
     "name": "id",
     "in": "path",
     "required": true,
     "schema": {
      "type": "integer"
     }
    },
    {
     "name": "suppress_response_codes",
     "in": "query",
     "required": false,
     "schema": {
      "nullable": true,
      "type": "string"
     }
    }
   ],
   "responses": {
    "200": {
     "contentTypes": []
    },
    "400": {
     "contentTypes": []
    },
    "401": {
     "contentTypes": []
    },
    "500": {
     "contentTypes": []
    }
   }
  },
  {
   "key": "GET /api/v2/nodes/{id}/nodes",
   "method": "GET",
   "path": "/api/v2/nodes/{id}/nodes",
   "source": {
    "document": "content-server",
    "path": "/v2/nodes/{id}/nodes",
    "operationId": "getSubnodes2"
   },
   "parameters": [
    {
     "name": "id",
     "in": "path",
     "required": true,
     "schema": {
      "type": "integer"
     }
    },
    {
     "name": "actions",
     "in": "query",
     "required": false,
     "schema": {
      "type": "string"
     }
    },
    {
     "name": "expand",
     "in": "query",
     "required": false,
     "schema": {
      "type": "string"
     }
    },
    {
     "name": "fields",
     "in": "query",
     "required": false,
     "schema": {
      "type": "string"
     }
    },
    {
     "name": "limit",
     "in": "query",
     "required": false,
     "schema": {
      "type": "integer"
     }
    },
    {
     "name": "metadata",
     "in": "query",
     "required": false,
     "schema": {
      "nullable": true,
      "type": "string"
     }
    },
    {
     "name": "page",
     "in": "query",
     "required": false,
     "schema": {
      "type": "integer"
     }
    },
    {
     "name": "show_hidden",
     "in": "query",
     "required": false,
     "schema": {
      "type": "boolean"
     }
    },
    {
     "name": "sort",
     "in": "query",
     "required": false,
     "schema": {
      "type": "string"
     }
    },
    {
     "name": "state",
     "in": "query",
     "required": false,
     "schema": {
      "nullable": true,
      "type": "string"
     }
    },
    {
     "name": "suppress_response_codes",
     "in": "query",
     "required": false,
     "schema": {
      "nullable": true,
      "type": "string"
     }
    },
    {
     "name": "where_facet",
     "in": "query",
     "required": false,
     "schema": {
      "type": "string"
     }
    },
    {
     "name": "where_name",
     "in": "query",
     "required": false,
     "schema": {
      "type": "string"
     }
    },
    {
     "name": "where_status",
     "in": "query",
     "required": false,
     "schema": {
      "items": {
       "type": "string"
      },
      "type": "array"
     }
    },
    {
     "name": "where_type",
     "in": "query",
     "required": false,
     "schema": {
      "items": {
       "type": "string"
      },
      "type": "array"
     }
    }
   ],
   "responses": {
    "200": {
     "contentTypes": [
      "application/json"
     ],
     "schema": {
      "properties": {
       "collection": {
        "items": {
         "properties": {
          "paging": {
           "items": {
            "properties": {
             "limit": {
              "type": "integer"
             },
             "links": {
              "type": "object"
             },
             "page": {
              "type": "integer"
             },
             "page_total": {
              "type": "integer"
             },
             "range_max": {
              "type": "integer"
             },
             "range_min": {
              "type": "integer"
             },
             "total_count": {
              "type": "integer"
             }
            },
            "type": "object"
           },
           "type": "array"
          },
          "sorting": {
           "items": {
            "properties": {
             "sort": {
              "items": {
               "type": "object"
              },
              "type": "array"
             }
            },
            "type": "object"
           },
           "type": "array"
          }
         },
         "type": "object"
        },
        "type": "array"
       },
       "links": {
        "items": {
         "properties": {
          "data": {
           "items": {
            "properties": {
             "self": {
              "items": {
               "properties": {
                "body": {
                 "type": "string"
                },
                "content_type": {
                 "type": "string"
                },
                "href": {
                 "type": "string"
                },
                "method": {
                 "type": "string"
                },
                "name": {
                 "type": "string"
                }
               },
               "type": "object"
              },
              "type": "array"
             }
            },
            "type": "object"
           },
           "type": "array"
          }
         },
         "type": "object"
        },
        "type": "array"
       },
       "results": {
        "items": {
         "properties": {
          "data": {
           "items": {
            "properties": {
             "columns": {
              "items": {
               "properties": {
                "data_type": {
                 "type": "integer"
                },
                "key": {
                 "type": "string"
                },
                "name": {
                 "type": "string"
                },
                "sort_key": {
                 "type": "string"
                }
               },
               "type": "object"
              },
              "type": "array"
             },
             "properties": {
              "items": {
               "properties": {
                "advanced_versioning": {
                 "type": "boolean"
                },
                "container": {
                 "type": "boolean"
                },
                "container_size": {
                 "type": "integer"
                },
                "create_date": {
                 "type": "string"
                },
                "create_user_id": {
                 "type": "integer"
                },
                "description": {
                 "type": "string"
                },
                "description_multilingual": {
                 "properties": {
                  "de": {
                   "type": "string"
                  },
                  "en": {
                   "type": "string"
                  }
                 },
                 "type": "object"
                },
                "external_create_date": {
                 "format": "date",
                 "type": "string"
                },
                "external_identity": {
                 "type": "string"
                },
                "external_identity_type": {
                 "type": "string"
                },
                "external_modify_date": {
                 "format": "date",
                 "type": "string"
                },
                "external_source": {
                 "type": "string"
                },
                "favorite": {
                 "type": "boolean"
                },
                "guid": {
                 "type": "string"
                },
                "hidden": {
                 "type": "boolean"
                },
                "icon": {
                 "type": "string"
                },
                "icon_large": {
                 "type": "string"
                },
                "id": {
                 "type": "integer"
                },
                "modify_date": {
                 "format": "date",
                 "type": "string"
                },
                "modify_user_id": {
                 "type": "integer"
                },
                "name": {
                 "type": "string"
                },
                "name_multilingual": {
                 "properties": {
                  "de": {
                   "type": "string"
                  },
                  "en": {
                   "type": "string"
                  }
                 },
                 "type": "object"
                },
                "owner": {
                 "type": "string"
                },
                "owner_group_id": {
                 "type": "integer"
                },
                "owner_user_id": {
                 "type": "integer"
                },
                "parent_id": {
                 "type": "integer"
                },
                "reserved": {
                 "type": "boolean"
                },
                "reserved_date": {
                 "type": "string"
                },
                "reserved_user_id": {
                 "type": "integer"
                },
                "status": {
                 "type": "integer"
                },
                "type": {
                 "type": "integer"
                },
                "type_name": {
                 "type": "string"
                },
                "versionable": {
                 "type": "boolean"
                },
                "versions_control_advanced": {
                 "type": "boolean"
                },
                "volume_id": {
                 "type": "integer"
                }
               },
               "type": "object"
              },
              "type": "array"
             }
            },
            "type": "object"
           },
           "type": "array"
          }
         },
         "type": "object"
        },
        "type": "array"
       }
      },
      "type": "object"
     }
    },
    "400": {
     "contentTypes": []
    },
    "401": {
     "contentTypes": []
    },
    "500": {
     "contentTypes": []
    }
   }
  },
  {
   "key": "GET /api/v2/nodes/{id}/versions",
   "method": "GET",
   "path": "/api/v2/nodes/{id}/versions",
   "source": {
    "document": "content-server",
    "path": "/v2/nodes/{id}/versions",
    "operationId": "listVersions2"
   },
   "parameters": [
    {
     "name": "id",
     "in": "path",
     "required": true,
     "schema": {
      "type": "integer"
     }
    },
    {
     "name": "expand",
     "in": "query",
     "required": false,
     "schema": {
      "type": "string"
     }
    },
    {
     "name": "fields",
     "in": "query",
     "required": false,
     "schema": {
      "type": "string"
     }
    },
    {
     "name": "limit",
     "in": "query",
     "required": false,
     "schema": {
      "type": "integer"
     }
    },
    {
     "name": "metadata",
     "in": "query",
     "required": false,
     "schema": {
      "nullable": true,
      "type": "string"
     }
    },
    {
     "name": "order",
     "in": "query",
     "required": false,
     "schema": {
      "type": "string"
     }
    },
    {
     "name": "page",
     "in": "query",
     "required": false,
     "schema": {
      "type": "integer"
     }
    },
    {
     "name": "suppress_response_codes",
     "in": "query",
     "required": false,
     "schema": {
      "nullable": true,
      "type": "string"
     }
    }
   ],
   "responses": {
    "200": {
     "contentTypes": [
      "application/json"
     ],
     "schema": {
      "properties": {
       "collection": {
        "items": {
         "properties": {
          "paging": {
           "items": {
            "properties": {
             "limit": {
              "type": "integer"
             },
             "page": {
              "type": "integer"
             },
             "page_total": {
              "type": "integer"
             }
            },
            "type": "object"
           },
           "type": "array"
          }
         },
         "type": "object"
        },
        "type": "array"
       },
       "links": {
        "items": {
         "properties": {
          "data": {
           "properties": {
            "self": {
             "items": {
              "properties": {
               "body": {
                "type": "string"
               },
               "content_type": {
                "type": "string"
               },
               "href": {
                "type": "string"
               },
               "method": {
                "type": "string"
               },
               "name": {
                "type": "string"
               }
              },
              "type": "object"
             },
             "type": "array"
            }
           },
           "type": "object"
          }
         },
         "type": "object"
        },
        "type": "array"
       },
       "results": {
        "items": {
         "properties": {
          "data": {
           "items": {
            "properties": {
             "versions": {
              "items": {
               "properties": {
                "create_date": {
                 "format": "date-time",
                 "type": "string"
                },
                "description": {
                 "type": "string"
                },
                "external_create_date": {
                 "format": "date",
                 "type": "string"
                },
                "external_identity": {
                 "type": "string"
                },
                "external_identity_type": {
                 "type": "string"
                },
                "external_modify_date": {
                 "format": "date",
                 "type": "string"
                },
                "external_source": {
                 "type": "string"
                },
                "file_create_date": {
                 "format": "date-time",
                 "type": "string"
                },
                "file_modify_date": {
                 "format": "date-time",
                 "type": "string"
                },
                "file_name": {
                 "type": "string"
                },
                "file_size": {
                 "type": "integer"
                },
                "file_type": {
                 "type": "string"
                },
                "has_generation": {
                 "type": "boolean"
                },
                "id": {
                 "type": "integer"
                },
                "locked": {
                 "type": "integer"
                },
                "locked_date": {
                 "format": "date-time",
                 "type": "string"
                },
                "locked_user_id": {
                 "type": "integer"
                },
                "mime_type": {
                 "type": "string"
                },
                "modify_date": {
                 "format": "date-time",
                 "type": "string"
                },
                "owner_id": {
                 "type": "integer"
                },
                "provider_name": {
                 "type": "string"
                },
                "version_id": {
                 "type": "integer"
                },
                "version_major_number": {
                 "type": "integer"
                },
                "version_minor_number": {
                 "type": "integer"
                },
                "version_number": {
                 "type": "integer"
                }
               },
               "type": "object"
              },
              "type": "array"
             }
            },
            "type": "object"
           },
           "type": "array"
          }
         },
         "type": "object"
        },
        "type": "array"
       }
      },
      "type": "object"
     }
    },
    "400": {
     "contentTypes": []
    },
    "401": {
     "contentTypes": []
    }
   }
  },
  {
   "key": "POST /api/v2/nodes/{id}/versions",
   "method": "POST",
   "path": "/api/v2/nodes/{id}/versions",
   "source": {
    "document": "content-server",
    "path": "/v2/nodes/{id}/versions",
    "operationId": "addVersion2"
   },
   "parameters": [
    {
     "name": "id",
     "in": "path",
     "required": true,
     "schema": {
      "type": "integer"
     }
    }
   ],
   "requestBody": {
    "required": true,
    "content": {
     "application/x-www-form-urlencoded": {
      "properties": {
       "add_major_version": {
        "type": "boolean"
       },
       "description": {
        "type": "string"
       },
       "external_create_date": {
        "format": "date",
        "type": "string"
       },
       "external_identity": {
        "type": "string"
       },
       "external_identity_type": {
        "enum": [
         "email_address",
         "domain_userid",
         "generic_userid",
         "name",
         "last_name",
         "windows_sid",
         "guid",
         "phone_number",
         "ldap_name",
         "exchange_mailboxid"
        ],
        "type": "string"
       },
       "external_modify_date": {
        "format": "date",
        "type": "string"
       },
       "external_source": {
        "enum": [
         "file_system",
         "mobile_device",
         "scanner",
         "fax",
         "ftp",
         "shared_drive",
         "removable_disk",
         "backup_media",
         "optical_disk",
         "onedrive",
         "cloud_storage",
         "camera",
         "email_server",
         "elink",
         "opentext_core",
         "edocs",
         "sap",
         "document_management",
         "exchange_mailbox",
         "notes_mailbox",
         "outlook_pst",
         "file_stream",
         "mailbox_other"
        ],
        "type": "string"
       },
       "file": {
        "format": "binary",
        "type": "string"
       },
       "roles": {
        "type": "object"
       },
       "upload_key": {
        "type": "string"
       }
      },
      "type": "object"
     }
    }
   },
   "responses": {
    "200": {
     "contentTypes": [
      "application/json"
     ],
     "schema": {
      "properties": {
       "links": {
        "items": {
         "properties": {
          "data": {
           "properties": {
            "self": {
             "items": {
              "properties": {
               "body": {
                "type": "string"
               },
               "content_type": {
                "type": "string"
               },
               "href": {
                "type": "string"
               },
               "method": {
                "type": "string"
               },
               "name": {
                "type": "string"
               }
              },
              "type": "object"
             },
             "type": "array"
            }
           },
           "type": "object"
          }
         },
         "type": "object"
        },
        "type": "array"
       },
       "results": {
        "items": {
         "properties": {
          "data": {
           "items": {
            "properties": {
             "properties": {
              "items": {
               "properties": {
                "container": {
                 "type": "boolean"
                },
                "container_size": {
                 "type": "integer"
                },
                "create_date": {
                 "type": "string"
                },
                "create_user_id": {
                 "type": "integer"
                },
                "description": {
                 "type": "string"
                },
                "description_multilingual": {
                 "properties": {
                  "de": {
                   "type": "string"
                  },
                  "en": {
                   "type": "string"
                  }
                 },
                 "type": "object"
                },
                "external_create_date": {
                 "format": "date",
                 "type": "string"
                },
                "external_identity": {
                 "type": "string"
                },
                "external_identity_type": {
                 "type": "string"
                },
                "external_modify_date": {
                 "format": "date",
                 "type": "string"
                },
                "external_source": {
                 "type": "string"
                },
                "favorite": {
                 "type": "boolean"
                },
                "guid": {
                 "type": "string"
                },
                "icon": {
                 "type": "string"
                },
                "icon_large": {
                 "type": "string"
                },
                "id": {
                 "type": "integer"
                },
                "modify_date": {
                 "format": "date",
                 "type": "string"
                },
                "modify_user_id": {
                 "type": "integer"
                },
                "name": {
                 "type": "string"
                },
                "name_multilingual": {
                 "properties": {
                  "de": {
                   "type": "string"
                  },
                  "en": {
                   "type": "string"
                  }
                 },
                 "type": "object"
                },
                "owner_group_id": {
                 "type": "integer"
                },
                "owner_user_id": {
                 "type": "integer"
                },
                "parent_id": {
                 "type": "integer"
                },
                "reserved": {
                 "type": "boolean"
                },
                "reserved_date": {
                 "type": "string"
                },
                "reserved_user_id": {
                 "type": "integer"
                },
                "type": {
                 "type": "integer"
                },
                "type_name": {
                 "type": "string"
                },
                "versionable": {
                 "type": "boolean"
                },
                "versions_control_advanced": {
                 "type": "boolean"
                },
                "volume_id": {
                 "type": "integer"
                }
               },
               "type": "object"
              },
              "type": "array"
             },
             "versions": {
              "items": {
               "properties": {
                "create_date": {
                 "format": "date-time",
                 "type": "string"
                },
                "description": {
                 "type": "string"
                },
                "external_create_date": {
                 "format": "date",
                 "type": "string"
                },
                "external_identity": {
                 "type": "string"
                },
                "external_identity_type": {
                 "type": "string"
                },
                "external_modify_date": {
                 "format": "date",
                 "type": "string"
                },
                "external_source": {
                 "type": "string"
                },
                "file_create_date": {
                 "format": "date-time",
                 "type": "string"
                },
                "file_modify_date": {
                 "format": "date-time",
                 "type": "string"
                },
                "file_name": {
                 "type": "string"
                },
                "file_size": {
                 "type": "integer"
                },
                "file_type": {
                 "type": "string"
                },
                "has_generation": {
                 "type": "boolean"
                },
                "id": {
                 "type": "integer"
                },
                "locked": {
                 "type": "integer"
                },
                "locked_date": {
                 "format": "date-time",
                 "type": "string"
                },
                "locked_user_id": {
                 "type": "integer"
                },
                "mime_type": {
                 "type": "string"
                },
                "modify_date": {
                 "format": "date-time",
                 "type": "string"
                },
                "owner_id": {
                 "type": "integer"
                },
                "provider_name": {
                 "type": "string"
                },
                "version_id": {
                 "type": "integer"
                },
                "version_major_number": {
                 "type": "integer"
                },
                "version_minor_number": {
                 "type": "integer"
                },
                "version_number": {
                 "type": "integer"
                }
               },
               "type": "object"
              },
              "type": "array"
             }
            },
            "type": "object"
           },
           "type": "array"
          }
         },
         "type": "object"
        },
        "type": "array"
       }
      },
      "type": "object"
     }
    },
    "400": {
     "contentTypes": []
    },
    "401": {
     "contentTypes": []
    }
   }
  },
  {
   "key": "POST /api/v2/search",
   "method": "POST",
   "path": "/api/v2/search",
   "source": {
    "document": "content-server",
    "path": "/v2/search",
    "operationId": "GetRegionsInfo2"
   },
   "parameters": [],
   "requestBody": {
    "required": true,
    "content": {
     "application/x-www-form-urlencoded": {
      "properties": {
       "boolean": {
        "type": "string"
       },
       "limit": {
        "type": "integer"
       },
       "lookfor": {
        "type": "string"
       },
       "metadata": {
        "type": "boolean"
       },
       "modifier": {
        "type": "string"
       },
       "options": {
        "type": "string"
       },
       "page": {
        "type": "integer"
       },
       "query_id": {
        "type": "integer"
       },
       "select": {
        "type": "string"
       },
       "slice": {
        "type": "integer"
       },
       "sort": {
        "type": "string"
       },
       "template_id": {
        "type": "integer"
       },
       "user_domain": {
        "type": "string"
       },
       "user_login": {
        "type": "string"
       },
       "where": {
        "type": "string"
       },
       "within": {
        "type": "string"
       }
      },
      "type": "object"
     }
    }
   },
   "responses": {
    "200": {
     "contentTypes": [
      "application/json"
     ],
     "schema": {
      "properties": {
       "collection": {
        "properties": {
         "paging": {
          "properties": {
           "limit": {
            "type": "integer"
           },
           "page": {
            "type": "integer"
           },
           "page_total": {
            "type": "integer"
           },
           "range_max": {
            "type": "integer"
           },
           "range_min": {
            "type": "integer"
           },
           "result_header_string": {
            "type": "string"
           },
           "total_count": {
            "type": "integer"
           }
          },
          "type": "object"
         },
         "searching": {
          "properties": {
           "cache_id": {
            "type": "integer"
           },
           "facets": {
            "properties": {
             "available": {
              "items": {
               "properties": {
                "count": {
                 "type": "integer"
                },
                "count_exceeded": {
                 "type": "boolean"
                },
                "display_name": {
                 "type": "string"
                },
                "facet_items": {
                 "items": {
                  "properties": {
                   "count": {
                    "type": "integer"
                   },
                   "display_name": {
                    "type": "string"
                   },
                   "value": {
                    "type": "string"
                   }
                  },
                  "type": "object"
                 },
                 "type": "array"
                },
                "name": {
                 "type": "string"
                },
                "type": {
                 "type": "string"
                }
               },
               "type": "object"
              },
              "type": "array"
             }
            },
            "type": "object"
           },
           "regions_metadata": {
            "properties": {
             "OTLocation": {
              "properties": {
               "name": {
                "type": "string"
               },
               "persona": {
                "type": "string"
               },
               "type": {
                "type": "integer"
               }
              },
              "type": "object"
             },
             "OTMIMEType": {
              "properties": {
               "name": {
                "type": "string"
               },
               "persona": {
                "type": "string"
               },
               "type": {
                "type": "integer"
               }
              },
              "type": "object"
             },
             "OTName": {
              "properties": {
               "name": {
                "type": "string"
               },
               "persona": {
                "type": "string"
               },
               "type": {
                "type": "integer"
               }
              },
              "type": "object"
             },
             "OTObjectDate": {
              "properties": {
               "name": {
                "type": "string"
               },
               "persona": {
                "type": "string"
               },
               "type": {
                "type": "integer"
               }
              },
              "type": "object"
             },
             "OTObjectSize": {
              "properties": {
               "name": {
                "type": "string"
               },
               "persona": {
                "type": "string"
               },
               "type": {
                "type": "integer"
               }
              },
              "type": "object"
             }
            },
            "type": "object"
           },
           "regions_order": {
            "items": {
             "type": "string"
            },
            "type": "array"
           },
           "result_title": {
            "type": "string"
           }
          },
          "type": "object"
         },
         "sorting": {
          "properties": {
           "links": {
            "properties": {
             "asc_OTObjectDate": {
              "properties": {
               "body": {
                "type": "string"
               },
               "content_type": {
                "type": "string"
               },
               "direction": {
                "type": "string"
               },
               "display_name": {
                "type": "string"
               },
               "href": {
                "type": "string"
               },
               "method": {
                "type": "string"
               },
               "name": {
                "type": "string"
               },
               "region_name": {
                "type": "string"
               }
              },
              "type": "object"
             },
             "asc_OTObjectSize": {
              "properties": {
               "body": {
                "type": "string"
               },
               "content_type": {
                "type": "string"
               },
               "direction": {
                "type": "string"
               },
               "display_name": {
                "type": "string"
               },
               "href": {
                "type": "string"
               },
               "method": {
                "type": "string"
               },
               "name": {
                "type": "string"
               },
               "region_name": {
                "type": "string"
               }
              },
              "type": "object"
             },
             "desc_OTObjectDate": {
              "properties": {
               "body": {
                "type": "string"
               },
               "content_type": {
                "type": "string"
               },
               "direction": {
                "type": "string"
               },
               "display_name": {
                "type": "string"
               },
               "href": {
                "type": "string"
               },
               "method": {
                "type": "string"
               },
               "name": {
                "type": "string"
               },
               "region_name": {
                "type": "string"
               }
              },
              "type": "object"
             },
             "desc_OTObjectSize": {
              "properties": {
               "body": {
                "type": "string"
               },
               "content_type": {
                "type": "string"
               },
               "direction": {
                "type": "string"
               },
               "display_name": {
                "type": "string"
               },
               "href": {
                "type": "string"
               },
               "method": {
                "type": "string"
               },
               "name": {
                "type": "string"
               },
               "region_name": {
                "type": "string"
               }
              },
              "type": "object"
             },
             "relevance": {
              "properties": {
               "body": {
                "type": "string"
               },
               "content_type": {
                "type": "string"
               },
               "direction": {
                "type": "string"
               },
               "display_name": {
                "type": "string"
               },
               "href": {
                "type": "string"
               },
               "method": {
                "type": "string"
               },
               "name": {
                "type": "string"
               },
               "region_name": {
                "type": "string"
               }
              },
              "type": "object"
             }
            },
            "type": "object"
           },
           "sort": {
            "items": {
             "type": "string"
            },
            "type": "array"
           }
          },
          "type": "object"
         }
        },
        "type": "object"
       },
       "links": {
        "properties": {
         "data": {
          "properties": {
           "self": {
            "properties": {
             "body": {
              "type": "string"
             },
             "content_type": {
              "type": "string"
             },
             "direction": {
              "type": "string"
             },
             "display_name": {
              "type": "string"
             },
             "href": {
              "type": "string"
             },
             "method": {
              "type": "string"
             },
             "name": {
              "type": "string"
             },
             "region_name": {
              "type": "string"
             }
            },
            "type": "object"
           }
          },
          "type": "object"
         }
        },
        "type": "object"
       },
       "results": {
        "items": {
         "properties": {
          "data": {
           "properties": {
            "properties": {
             "properties": {
              "container": {
               "type": "boolean"
              },
              "container_size": {
               "type": "integer"
              },
              "create_date": {
               "format": "data-time",
               "type": "string"
              },
              "create_user_id": {
               "type": "integer"
              },
              "description": {
               "type": "string"
              },
              "description_multilingual": {
               "properties": {
                "de": {
                 "type": "string"
                },
                "en": {
                 "type": "string"
                }
               },
               "type": "object"
              },
              "external_create_date": {
               "format": "date",
               "type": "string"
              },
              "external_identity": {
               "type": "string"
              },
              "external_identity_type": {
               "type": "string"
              },
              "external_modify_date": {
               "format": "date",
               "type": "string"
              },
              "external_source": {
               "type": "string"
              },
              "favorite": {
               "type": "boolean"
              },
              "id": {
               "type": "integer"
              },
              "mime_type": {
               "type": "string"
              },
              "modify_date": {
               "format": "date-time",
               "type": "string"
              },
              "modify_user_id": {
               "type": "integer"
              },
              "name": {
               "type": "string"
              },
              "name_multilingual": {
               "properties": {
                "de": {
                 "type": "string"
                },
                "en": {
                 "type": "string"
                }
               },
               "type": "object"
              },
              "owner": {
               "type": "string"
              },
              "owner_group_id": {
               "type": "integer"
              },
              "owner_user_id": {
               "type": "integer"
              },
              "parent_id": {
               "type": "integer"
              },
              "permissions_model": {
               "type": "string"
              },
              "reserved": {
               "type": "boolean"
              },
              "reserved_date": {
               "format": "date",
               "type": "string"
              },
              "reserved_shared_collaboration": {
               "type": "boolean"
              },
              "reserved_user_id": {
               "type": "integer"
              },
              "short_summary": {
               "type": "string"
              },
              "size": {
               "type": "integer"
              },
              "size_formatted": {
               "type": "string"
              },
              "summary": {
               "type": "string"
              },
              "type": {
               "type": "integer"
              },
              "type_name": {
               "type": "string"
              },
              "versions_control_advanced": {
               "type": "boolean"
              },
              "volume_id": {
               "type": "integer"
              }
             },
             "type": "object"
            },
            "regions": {
             "type": "string"
            },
            "versions": {
             "properties": {
              "create_date": {
               "format": "date-time",
               "type": "string"
              },
              "description": {
               "type": "string"
              },
              "file_create_date": {
               "format": "date-time",
               "type": "string"
              },
              "file_modify_date": {
               "format": "date-time",
               "type": "string"
              },
              "file_name": {
               "type": "string"
              },
              "file_size": {
               "type": "integer"
              },
              "file_type": {
               "type": "string"
              },
              "id": {
               "type": "integer"
              },
              "locked": {
               "type": "boolean"
              },
              "locked_date": {
               "format": "date-time",
               "type": "string"
              },
              "locked_user_id": {
               "type": "integer"
              },
              "mime_type": {
               "type": "string"
              },
              "modify_date": {
               "format": "date-time",
               "type": "string"
              },
              "name": {
               "type": "string"
              },
              "owner_id": {
               "type": "integer"
              },
              "provider_id": {
               "type": "integer"
              },
              "version_id": {
               "type": "integer"
              },
              "version_number": {
               "type": "integer"
              },
              "version_number_major": {
               "type": "integer"
              },
              "version_number_minor": {
               "type": "integer"
              },
              "version_number_name": {
               "type": "string"
              }
             },
             "type": "object"
            }
           },
           "type": "object"
          },
          "links": {
           "properties": {
            "ancestors": {
             "items": {
              "properties": {
               "href": {
                "type": "string"
               },
               "name": {
                "type": "string"
               }
              },
              "type": "object"
             },
             "type": "array"
            },
            "ancestors_nodes": {
             "items": {
              "properties": {
               "href": {
                "type": "string"
               },
               "name": {
                "type": "string"
               }
              },
              "type": "object"
             },
             "type": "array"
            },
            "parent": {
             "properties": {
              "href": {
               "type": "string"
              },
              "name": {
               "type": "string"
              }
             },
             "type": "object"
            },
            "parent_nodes": {
             "properties": {
              "href": {
               "type": "string"
              },
              "name": {
               "type": "string"
              }
             },
             "type": "object"
            }
           },
           "type": "object"
          },
          "metadata": {
           "type": "string"
          },
          "search_result_metadata": {
           "properties": {
            "current_version": {
             "type": "boolean"
            },
            "object_href": {
             "type": "string"
            },
            "object_id": {
             "type": "string"
            },
            "result_type": {
             "type": "integer"
            },
            "source_id": {
             "type": "integer"
            },
            "version_type": {
             "type": "string"
            }
           },
           "type": "object"
          }
         },
         "type": "object"
        },
        "type": "array"
       }
      },
      "type": "object"
     }
    },
    "400": {
     "contentTypes": []
    },
    "401": {
     "contentTypes": []
    },
    "500": {
     "contentTypes": []
    }
   }
  }
 ]
};
